"""The public appeal form page: the shared form view with the appeal's form and service."""

from caseclub_wagtail.appeals import service
from caseclub_wagtail.appeals.forms import AppealForm
from caseclub_wagtail.appeals.models import Appeal
from caseclub_wagtail.core.form_views import serve_form


def form_page(page, request):
    """The form at the page's URL, its errors, and the reference number after sending."""
    return serve_form(
        page, request, form_class=AppealForm, submit=service.submit_appeal, model=Appeal
    )
