"""What protects every public form of the package from programs, and asks for consent.

- a honeypot field, ``fax``, hidden from people: a program that fills in every field
  fills it in too, and any value refuses the submission;
- a signed timestamp, ``form_started``: a form sent sooner than
  ``CASECLUB_WAGTAIL["FORM_MIN_SECONDS"]`` after it was shown, older than a day, or with a
  token that is missing or forged, is refused, with a fresh token to send it again;
- the required ``consent`` box, whose label is the site's consent text (152-ФЗ);
- a per-address rate limit on Django's cache (django-ratelimit),
  ``CASECLUB_WAGTAIL["FORM_RATE_LIMIT"]``, counted on each POST.

``ProtectedForm`` is the base of the HTML forms; the API uses the functions below.
"""

from django import forms
from django.core import signing
from django.http import HttpResponse
from django.utils.html import format_html
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited
from wagtail.models import Site

from caseclub_wagtail import conf
from caseclub_wagtail.core.form_settings import FormSettings

HONEYPOT = "fax"
TIMING = "form_started"
CONSENT = "consent"
# Every public form (and the API's) counts against the same limit per address.
RATE_LIMIT_GROUP = "caseclub_wagtail.forms"
# A form may stay open this long, in seconds; a tab left open overnight still works.
MAX_FORM_AGE = 24 * 60 * 60
_SALT = "caseclub_wagtail.form_guard.form_started"

DEFAULT_CONSENT = _(
    "I consent to the processing of my personal data given in this form (name, e-mail, "
    "phone, organisation) by the Case Club's organisers, to handle this request, under "
    "Federal Law No. 152-FZ “On Personal Data”. I may withdraw this consent at any time by "
    "writing to the organisers."
)
HONEYPOT_REFUSED = _(
    "The form was not sent: it looks as if a program filled it in. Please send it again."
)
TOO_FAST = _("The form was sent too quickly after it was opened. Please send it again.")
TOO_OLD = _("The form was opened more than a day ago. Please check it and send it again.")
BAD_TOKEN = _("The form could not be checked. Please send it again.")
NO_CONSENT = _("Please give your consent to the processing of your personal data.")
RATE_LIMITED = _("Too many forms have been sent from your address. Please try again later.")


def timing_token() -> str:
    """A signed timestamp of now, for a form's ``form_started`` field."""
    return signing.TimestampSigner(salt=_SALT).sign(TIMING)


def consent_text(request_or_site) -> str:
    """The consent text of the request's (or the given) site, or the package's own."""
    if isinstance(request_or_site, Site):
        text = FormSettings.for_site(request_or_site).consent_text
    else:
        try:
            text = FormSettings.for_request(request_or_site).consent_text
        except FormSettings.DoesNotExist:  # no site answers this request
            text = ""
    return text.strip() or str(DEFAULT_CONSENT)


def is_rate_limited(request, group: str = RATE_LIMIT_GROUP) -> bool:
    """Count one submission from the request's address; True when it is over the limit."""
    rate = conf.get("FORM_RATE_LIMIT")
    if not rate:
        return False
    # django-ratelimit's own "ip" key, unless the request carries no address at all (a
    # test transport, a misconfigured server): those share one count instead of failing.
    key = "ip" if request.META.get("REMOTE_ADDR") else "header:x-caseclub-no-address"
    return is_ratelimited(request, group=group, key=key, rate=rate, increment=True)


def rate_limited_response(request) -> HttpResponse:
    """The answer to a rate-limited POST: 429, with a short page saying why."""
    message = gettext(RATE_LIMITED)
    page = format_html(
        '<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8"><title>{}</title></head>'
        "<body><h1>{}</h1><p>{}</p></body></html>",
        get_language() or "ru",
        gettext("Too many forms"),
        gettext("Too many forms"),
        message,
    )
    return HttpResponse(page, status=429)


def check_protection(data: dict, request) -> dict[str, str]:
    """The protections ``data`` fails, as field name -> translated message (for the API).

    ``data`` is the submission as the API reads it (consent a JSON boolean or a form's
    "on"). The rate limit is apart: ``is_rate_limited(request)`` counts a submission.
    """
    problems = {}
    if honeypot_error(data.get(HONEYPOT)):
        problems[HONEYPOT] = gettext(HONEYPOT_REFUSED)
    timing = timing_error(data.get(TIMING))
    if timing:
        problems[TIMING] = gettext(timing)
    # A form's "on", a JSON true: read as a consent box reads them ("false" is no consent).
    if not forms.BooleanField(required=False).to_python(data.get(CONSENT)):
        problems[CONSENT] = gettext(NO_CONSENT)
    return problems


def honeypot_error(value) -> str | None:
    """The message when the honeypot field holds anything."""
    return HONEYPOT_REFUSED if value not in (None, "") else None


def timing_error(token) -> str | None:
    """The message when ``token`` is missing, forged, too young or too old."""
    signer = signing.TimestampSigner(salt=_SALT)
    if not isinstance(token, str) or not token:
        return BAD_TOKEN
    try:
        signer.unsign(token, max_age=MAX_FORM_AGE)
    except signing.SignatureExpired:
        return TOO_OLD
    except signing.BadSignature:
        return BAD_TOKEN
    minimum = conf.get("FORM_MIN_SECONDS")
    if minimum:
        try:
            # Still valid with the minimum as its longest life: it is younger than that.
            signer.unsign(token, max_age=minimum)
        except signing.SignatureExpired:
            return None
        return TOO_FAST
    return None


class HoneypotInput(forms.TextInput):
    """The honeypot's text box: out of sight, out of the tab order, never autofilled."""

    def __init__(self, attrs=None):
        super().__init__(
            {
                "class": "caseclub-honeypot__input",
                "aria-hidden": "true",
                "tabindex": "-1",
                "autocomplete": "off",
                **(attrs or {}),
            }
        )


class ProtectedForm(forms.Form):
    """A public form with the honeypot, the timing token, the consent and the rate limit.

    Built with the request as a keyword: ``MyForm(request.POST, request=request)``. A view
    answers a bound form whose ``rate_limited`` is true with
    ``rate_limited_response(request)``; its template includes
    ``caseclub_wagtail/includes/form_protection.html``.
    """

    fax = forms.CharField(
        label=pgettext_lazy("the honeypot field", "Fax"),
        required=False,
        widget=HoneypotInput,
    )
    form_started = forms.CharField(required=False, widget=forms.HiddenInput)
    consent = forms.BooleanField(error_messages={"required": NO_CONSENT})

    rate_limit_group = RATE_LIMIT_GROUP

    def __init__(self, *args, request, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)
        # After the subclass's own fields, in the order a person meets them.
        for name in (CONSENT, HONEYPOT, TIMING):
            self.fields[name] = self.fields.pop(name)
        self.fields[CONSENT].label = consent_text(request)
        self.fields[TIMING].initial = timing_token()
        self.rate_limited = (
            self.is_bound
            and request.method == "POST"
            and is_rate_limited(request, self.rate_limit_group)
        )

    def clean(self):
        cleaned_data = super().clean()
        if self.rate_limited:
            raise forms.ValidationError(RATE_LIMITED, code="rate_limited")
        refusal = honeypot_error(self.data.get(HONEYPOT))
        timing = timing_error(self.data.get(TIMING))
        if refusal or timing not in (None, TOO_FAST):
            # Shown again with an empty honeypot and a fresh token, the form goes through
            # when the person sends it again. A too-fast one keeps its token: by then it
            # is old enough.
            self.data = self.data.copy()
            self.data[HONEYPOT] = ""
            self.data[TIMING] = timing_token()
        if refusal or timing:
            raise forms.ValidationError(refusal or timing, code="protection")
        return cleaned_data
