"""TEMPORARY stand-in for the guard helper's module, replaced by the real one on merge.

Only the names the registration form uses: ``ProtectedForm`` (``request`` as a keyword
argument, a required ``consent`` box) and ``is_rate_limited``.
"""

from django import forms
from django.utils.translation import gettext_lazy as _


class ProtectedForm(forms.Form):
    consent = forms.BooleanField(
        label=_("I consent to the processing of my personal data"), required=True
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request


def is_rate_limited(request) -> bool:
    return False
