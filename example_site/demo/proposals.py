"""The demo's proposal form and proposals, from ``proposals.toml``: one of each state."""

from wagtail.models import Page

from caseclub_wagtail.models import Proposal, ProposalFormPage
from caseclub_wagtail.proposals import service
from example_site.demo.datafiles import DataFile
from example_site.demo.members import members_by_name


def ensure_proposal_page(home: Page, proposals: DataFile) -> tuple[ProposalFormPage, bool]:
    """Publish the proposal form under the home page, unless it is there."""
    data = proposals.data["page"]
    existing = home.get_children().filter(slug=data["slug"]).first()
    if existing is not None:
        return existing.specific, False
    with proposals.record("page", "page").checked():
        page = home.add_child(instance=ProposalFormPage(show_in_menus=True, **data))
    page.save_revision().publish()
    return page, True


def ensure_proposals(page: ProposalFormPage, proposals: DataFile) -> int:
    """Add the demo proposals not added yet; the answered ones through the service's reply."""
    members = members_by_name()
    created_count = 0
    for record, data in proposals.records("proposals", "proposal", "name"):
        if Proposal.objects.filter(email=data["email"], text=data["text"].strip()).exists():
            continue
        member = record.one(members, data["member"], "member") if "member" in data else None
        text = data["text"].strip()
        proposal = Proposal.objects.create(
            page=page,
            name=data["name"],
            email=data["email"],
            member=member,
            registry_number=member.registry_number if member else None,
            title=data.get("title") or service.title_from(text),
            text=text,
            consented_at=page.first_published_at,
        )
        if "status" in data:
            service.reply(
                proposal, None, data["status"], data.get("reply", ""), proposal.title
            )
        created_count += 1
    return created_count
