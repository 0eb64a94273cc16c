"""The public proposal form, served at its page's own URL (``proposals.urls``)."""

from caseclub_wagtail.core.form_views import serve_form
from caseclub_wagtail.proposals import service
from caseclub_wagtail.proposals.forms import ProposalForm
from caseclub_wagtail.proposals.models import Proposal


def form_page(page, request):
    """The form, its errors, and the thank-you page once it is sent."""
    return serve_form(
        page, request, form_class=ProposalForm, submit=service.submit_proposal, model=Proposal
    )
