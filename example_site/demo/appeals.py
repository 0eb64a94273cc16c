"""The demo's appeal form and appeals, from ``appeals.toml``: one of each state."""

import datetime

from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page

from caseclub_wagtail.appeals.choices import CLOSED_STATUSES
from caseclub_wagtail.models import (
    Appeal,
    AppealAttachment,
    AppealFormPage,
    CaseStudyPage,
    Topic,
)
from example_site.demo.datafiles import DataFile

PERSON_FIELDS = ("name", "email", "phone", "address", "municipality", "description", "note")


def small_pdf(text: str) -> bytes:
    """A one-page PDF that says ``text`` (ASCII), with a correct cross-reference table."""
    stream = f"BT /F1 18 Tf 40 100 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n%s\nendstream" % (len(stream), stream),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    body, offsets = b"%PDF-1.4\n", []
    for number, content in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, content)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return body


def ensure_appeal_page(home: Page, appeals: DataFile) -> tuple[AppealFormPage, bool]:
    """Publish the appeal form of ``[page]`` under the home page."""
    data = appeals.data["page"]
    existing = home.get_children().filter(slug=data["slug"]).first()
    if existing is not None:
        return existing.specific, False
    with appeals.record("page", data["slug"]).checked():
        page = home.add_child(instance=AppealFormPage(show_in_menus=True, **data))
    page.save_revision().publish()
    return page, True


def ensure_appeals(page: AppealFormPage, appeals: DataFile) -> int:
    """Add the demo appeals not there yet (looked up by name and address)."""
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    cases = {case.slug: case for case in CaseStudyPage.objects.all()}
    created_count = 0
    for record, data in appeals.records("appeals", "appeal", "name"):
        if Appeal.objects.filter(name=data["name"], address=data["address"]).exists():
            continue
        received = timezone.now() - datetime.timedelta(days=data["days_ago"])
        fields = {name: data.get(name, "") for name in PERSON_FIELDS}
        with record.checked():
            appeal = Appeal(
                page=page,
                status=data["status"],
                topic=record.one(topics, data["topic"], "topic") if "topic" in data else None,
                case=record.one(cases, data["case"], "case") if "case" in data else None,
                consented_at=received,
                created_at=received,
                closed_at=received + datetime.timedelta(days=2)
                if data["status"] in CLOSED_STATUSES
                else None,
                **fields,
            )
            appeal.full_clean(exclude=["number"])
            appeal.save()
        if "pdf" in data:
            attach_pdf(appeal, data["pdf"])
        created_count += 1
    return created_count


def attach_pdf(appeal: Appeal, name: str) -> AppealAttachment:
    """A small PDF in the private storage, as the form stores a citizen's scan."""
    content = small_pdf(f"Appeal No. {appeal.number}: demo scan")
    attachment = AppealAttachment(
        appeal=appeal, original_name=name, content_type="application/pdf", size=len(content)
    )
    attachment.file.save("attachment.pdf", ContentFile(content), save=False)
    attachment.save()
    return attachment


COORDINATORS = "Координаторы Кейс-клуба"
CASE_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def let_coordinators_write_cases(library: Page) -> int:
    """Let the coordinators' group add, edit and publish cases in the demo's case library.

    The package's migrations give the group its inboxes but no page: a site chooses which
    library its coordinators turn appeals into cases in. Returns the permissions added.
    """
    group = Group.objects.filter(name=COORDINATORS).first()
    if group is None:
        return 0
    added = 0
    for codename in CASE_PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        _, created = GroupPagePermission.objects.get_or_create(
            group=group, page=library, permission=permission
        )
        added += created
    return added
