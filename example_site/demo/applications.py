"""The demo's membership application form and applications, from ``applications.toml``."""

from django.utils import timezone

from caseclub_wagtail.applications import service
from caseclub_wagtail.models import MembershipApplication, MembershipApplicationPage
from example_site.demo.datafiles import DataFile, Record
from example_site.demo.members import topics_by_slug


def ensure_application_page(home, applications: DataFile) -> MembershipApplicationPage:
    """Publish the form under the home page unless a page has its slug there."""
    data = applications.data["page"]
    existing = home.get_children().filter(slug=data["slug"]).first()
    if existing is not None:
        return existing.specific
    with applications.record("page", data["slug"]).checked():
        page = home.add_child(instance=MembershipApplicationPage(show_in_menus=True, **data))
    page.save_revision().publish()
    return page


def ensure_applications(home, applications: DataFile) -> int:
    """Add the form and the demo applications not there yet; count the applications."""
    page = ensure_application_page(home, applications)
    existing = set(MembershipApplication.objects.values_list("email", flat=True))
    topics = topics_by_slug()
    created_count = 0
    for record, data in applications.records("applications", "application", "name"):
        if data["email"] in existing:
            continue
        create_application(record, data, page, topics)
        created_count += 1
    return created_count


def create_application(record: Record, data: dict, page, topics) -> MembershipApplication:
    """One application as the form saves it, then decided as the coordinators would."""
    fields = {key: value for key, value in data.items() if key not in {"expertise", "status"}}
    reason = fields.pop("reason", "")
    with record.checked():
        application = MembershipApplication(page=page, consented_at=timezone.now(), **fields)
        application.full_clean(exclude=["page"])
    application.save()
    application.expertise.set(record.lookup(topics, data.get("expertise", []), "topic"))
    status = data.get("status", "new")
    if status == "admitted":
        service.admit(application, None)
    elif status == "declined":
        service.decline(application, None, reason)
    elif status != "new":
        raise record.error(f"no status «{status}»: new, admitted or declined")
    return application
