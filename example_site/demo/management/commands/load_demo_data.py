"""Fill the example site with realistic Russian demo content, read from TOML data files.

Safe to run again: everything is looked up by slug or name first, so a second run adds
nothing, and content an editor has changed since is left alone. The content lives in
example_site/demo/data/; this command only reads it, checks it by the models' own rules
and stops, naming the file and the record, at the first thing it cannot load.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from example_site.demo.appeals import (
    ensure_appeal_page,
    ensure_appeals,
    let_coordinators_write_cases,
)
from example_site.demo.applications import ensure_applications
from example_site.demo.cases import CaseLibrary, ensure_cases, ensure_documents
from example_site.demo.datafiles import DATA_DIR, DataFile
from example_site.demo.events import ensure_events, link_events
from example_site.demo.members import ensure_members, ensure_topics
from example_site.demo.pages import ensure_home_page, ensure_index_page
from example_site.demo.proposals import ensure_proposal_page, ensure_proposals
from example_site.demo.registrations import ensure_registrations

SITE_URL = "http://127.0.0.1:8000/"
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "caseclub"  # noqa: S105  (a published demo login, not a secret)


def ensure_superuser() -> bool:
    """Create the demo administrator unless a user with that name exists."""
    user_model = get_user_model()
    if user_model.objects.filter(username=ADMIN_USERNAME).exists():
        return False
    user_model.objects.create_superuser(
        username=ADMIN_USERNAME, email="admin@example.org", password=ADMIN_PASSWORD
    )
    return True


def load(data_dir: Path) -> list[tuple[str, int]]:
    """Load the demo from ``data_dir``; what was created, as (what, how many) pairs."""
    pages = DataFile(data_dir, "pages.toml")
    events = DataFile(data_dir, "events.toml")
    home, home_created = ensure_home_page(pages)
    topics_created = ensure_topics(DataFile(data_dir, "topics.toml"))
    members_created = ensure_members(DataFile(data_dir, "members.toml"))
    _directory, directory_created = ensure_index_page(home, pages, "member_directory")
    event_index, event_index_created = ensure_index_page(home, pages, "event_index")
    events_created = ensure_events(event_index, events, timezone.localdate())
    case_index, case_index_created = ensure_index_page(home, pages, "case_library")
    documents, documents_created = ensure_documents(DataFile(data_dir, "documents.toml"))
    new_cases = ensure_cases(CaseLibrary(case_index, data_dir, documents))
    proposals = DataFile(data_dir, "proposals.toml")
    proposal_page, proposal_page_created = ensure_proposal_page(home, proposals)
    return [
        ("home page", int(home_created)),
        ("topics", topics_created),
        ("members", members_created),
        ("member directory page", int(directory_created)),
        ("events page", int(event_index_created)),
        ("events", events_created),
        ("case library page", int(case_index_created)),
        ("case documents", documents_created),
        ("cases", len(new_cases)),
        ("cases linked to events", link_events(event_index, events, new_cases)),
        ("coordinators' page permissions", let_coordinators_write_cases(case_index)),
        ("registrations", ensure_registrations(DataFile(data_dir, "registrations.toml"))),
        *load_appeals(home, DataFile(data_dir, "appeals.toml")),
        ("proposal form page", int(proposal_page_created)),
        ("proposals", ensure_proposals(proposal_page, proposals)),
        ("applications", ensure_applications(home, DataFile(data_dir, "applications.toml"))),
        ("superuser", int(ensure_superuser())),
    ]


def load_appeals(home, appeals: DataFile) -> list[tuple[str, int]]:
    """The appeal form under the home page and the demo appeals sent through it."""
    page, page_created = ensure_appeal_page(home, appeals)
    return [("appeal form page", int(page_created)), ("appeals", ensure_appeals(page, appeals))]


class Command(BaseCommand):
    help = (
        "Fill the site with Russian demo content: home page, topics, members, directory, "
        "events and the case library."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=DATA_DIR,
            help="the folder of the demo's TOML files (default: example_site/demo/data)",
        )

    def handle(self, *args, **options):
        with transaction.atomic():
            created = load(options["data_dir"])

        for what, count in created:
            self.report(what, count)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write(f"  Site:  {SITE_URL}")
        self.stdout.write(f"  Admin: {SITE_URL}admin/")
        self.stdout.write(f"  Login: {ADMIN_USERNAME} / {ADMIN_PASSWORD}")

    def report(self, what: str, created: int):
        verb = "created" if created else "already present"
        count = f"{created} " if created else ""
        self.stdout.write(f"{what}: {count}{verb}")
