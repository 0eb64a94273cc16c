"""The public membership application form page, served by the package's one form view."""

from caseclub_wagtail.applications import service
from caseclub_wagtail.applications.forms import MembershipApplicationForm
from caseclub_wagtail.applications.models import MembershipApplication
from caseclub_wagtail.core.form_views import serve_form


def form_page(page, request):
    """The form at the page's own URL, and the thank-you page after sending."""
    return serve_form(
        page,
        request,
        form_class=MembershipApplicationForm,
        submit=service.submit_application,
        model=MembershipApplication,
    )
