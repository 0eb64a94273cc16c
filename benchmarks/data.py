"""The benchmark's data: one site with events, cases, members and registrations, built fast.

    DJANGO_SETTINGS_MODULE=benchmarks.settings python -m benchmarks.data --size large

builds the data set into a migrated database; ``build(size)`` does the same from code and
returns what the benchmark requests (``Built``). The pages are written as a fixture loads
them (one bulk insert of the page rows, the specific rows saved raw, no revisions), so the
Large set takes seconds, not the hours that ``add_child`` and ``save_revision`` would take.
The data is deterministic: the same size gives the same site, relative to today.
"""

import argparse
import dataclasses
import datetime
import zoneinfo

import django
from django.apps import apps

# Run as a script (python -m benchmarks.data), the models below need Django set up first.
if not apps.ready:
    django.setup()

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from caseclub_wagtail.core.search import index_objects
from caseclub_wagtail.events.occurrences import build_occurrences, schedule_fingerprint
from caseclub_wagtail.models import (
    AppealFormPage,
    CaseAppeal,
    CaseStudyIndexPage,
    CaseStudyPage,
    CaseTeamMember,
    CaseTimelineEntry,
    EventIndexPage,
    EventOccurrence,
    EventPage,
    EventRegistration,
    Member,
    MemberDirectoryPage,
    MembershipApplicationPage,
    ProposalFormPage,
    Topic,
)


@dataclasses.dataclass(frozen=True)
class Size:
    events: int
    cases: int
    members: int
    registrations: int
    # One event in `repeat_every` repeats, weekly, `repeat_count` times.
    repeat_every: int = 4
    repeat_count: int = 17


# Large: 1,500 single events and 500 series of 17 dates make 10,000 stored occurrences.
SIZES = {
    "small": Size(events=50, cases=50, members=100, registrations=100),
    "large": Size(events=2000, cases=2000, members=5000, registrations=20000),
}
ZONE = "Europe/Volgograd"
ADMIN_USERNAME = "bench"
ADMIN_PASSWORD = "bench"  # noqa: S105 - a throw-away benchmark database
TOPICS = [
    "Кровля",
    "Отопление",
    "Подвалы",
    "Управляющие компании",
    "Капитальный ремонт",
    "Лифты",
    "Вода и канализация",
    "Благоустройство двора",
    "Тарифы",
    "Советы домов",
]
MUNICIPALITIES = ["Волгоград", "Волжский", "Камышин", "Михайловка", "Урюпинск"]
# One case in five is about a roof, in the word forms a search must fold.
CASE_SUMMARIES = [
    "Протекает кровля над последним этажом, управляющая компания не отвечает.",
    "Жильцы добиваются перерасчёта платы за отопление.",
    "В подвале течёт труба, подвал затоплен.",
    "Управляющей компанией не выполняются заявки о протечке.",
    "Дом включён в программу капитального ремонта, сроки сорваны.",
]
ROOF_SUMMARIES = [
    "Протекает кровля над последним этажом, управляющая компания не отвечает.",
    "После ремонта кровли снова протечки.",
    "Требуем заменить кровлю над третьим подъездом.",
]
EVENT_TITLES = ["Встреча клуба", "Мастер-класс", "Приём граждан", "Стажировка", "Семинар"]
EVENT_KINDS = ["meeting", "master_class", "meeting", "internship", "other"]
CASE_STATUSES = ["in_progress", "monitoring", "resolved", "unresolved"]
CASE_RESULTS = ["pending", "achieved", "partly_achieved", "not_achieved"]
CATEGORIES = ["owner", "citizen", "mkd_council", "hoa", "mentor", "volunteer_expert"]


@dataclasses.dataclass
class Built:
    """What the benchmark requests: the pages, one of each kind, and the editor."""

    size: str
    home: Page
    event_index: EventIndexPage
    library: CaseStudyIndexPage
    directory: MemberDirectoryPage
    event: EventPage
    case: CaseStudyPage
    member: Member
    appeal_form: AppealFormPage
    application_form: MembershipApplicationPage
    proposal_form: ProposalFormPage
    admin: object
    month: datetime.date

    @property
    def urls(self) -> dict[str, str]:
        """The public addresses the benchmark times, by name."""
        return {
            "home": self.home.url,
            "event index": self.event_index.url,
            "past": f"{self.event_index.url}past/",
            "month grid": f"{self.event_index.url}calendar/{self.month:%Y/%m}/",
            "event page": self.event.url,
            "registration form": f"{self.event.url}register/",
            "ical": f"{self.event_index.url}ical/",
            "case library": self.library.url,
            "case page": self.case.url,
            "rss": f"{self.library.url}rss/",
            "member directory": self.directory.url,
            "profile": self.directory.profile_url(self.member),
            "appeal form": self.appeal_form.url,
        }


def build(size: str) -> Built:
    """Build the ``size`` data set ("small" or "large") into the current database.

    The database must be migrated and hold no pages of the package yet.
    """
    counts = SIZES[size]
    now = timezone.now()
    with transaction.atomic():
        home = ensure_home()
        event_index, library, directory, appeal_form, application_form, proposal_form = (
            add_child_pages(home)
        )
        topics = Topic.objects.bulk_create(
            Topic(name=name, slug=f"topic-{number}") for number, name in enumerate(TOPICS)
        )
        members = add_members(counts, topics)
        cases = add_cases(library, counts, topics, members, now)
        events = add_events(event_index, counts, topics, members, cases, now)
        add_registrations(counts, events, members, now)
        admin = ensure_admin()
    index_for_search()
    event = next(
        e for e in events if not e.repeat and e.registration == "internal" and e.start > now
    )
    return Built(
        size=size,
        home=home,
        event_index=event_index,
        library=library,
        directory=directory,
        event=EventPage.objects.get(pk=event.pk),
        case=CaseStudyPage.objects.get(pk=cases[0].pk),
        member=Member.objects.public().order_by("registry_number").first(),
        appeal_form=appeal_form,
        application_form=application_form,
        proposal_form=proposal_form,
        admin=admin,
        month=timezone.localdate(now).replace(day=1),
    )


def index_for_search():
    """Index what the benchmark searches (bulk inserts send no signals), in batches."""
    for queryset in (
        CaseStudyPage.objects.all(),
        EventPage.objects.all(),
        Member.objects.all(),
        Topic.objects.all(),
    ):
        index_objects(queryset)


# The page tree


def ensure_home() -> Page:
    """The default site's root: the example site's HomePage when it is installed."""
    locale = Locale.objects.first() or Locale.objects.create(language_code="ru")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root", locale=locale)
    if apps.is_installed("example_site.home"):
        from example_site.home.models import HomePage

        home = HomePage(title="Клуб", slug="bench-home", intro="<p>Клуб по ЖКХ.</p>")
    else:
        home = Page(title="Клуб", slug="bench-home")
    home = root.add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Клуб"},
    )
    return home


def add_child_pages(home: Page):
    """The index pages and the form pages: few, so Wagtail's own ``add_child``."""
    pages = [
        EventIndexPage(title="События", slug="events"),
        CaseStudyIndexPage(title="Кейсы", slug="cases"),
        MemberDirectoryPage(title="Участники", slug="members"),
        AppealFormPage(title="Обращение", slug="appeal"),
        MembershipApplicationPage(title="Вступить в клуб", slug="join"),
        ProposalFormPage(title="Предложения", slug="proposals"),
    ]
    home = Page.objects.get(pk=home.pk)
    added = []
    for page in pages:
        page.show_in_menus = True
        added.append(home.add_child(instance=page))
        home.refresh_from_db()
    return added


def add_leaf_pages(parent: Page, pages: list[Page]) -> list[Page]:
    """Insert unsaved specific ``pages`` as the last children of ``parent``, in bulk.

    The tree fields are computed here as treebeard would (a path of ``steplen`` base-36
    digits per level); the base rows go in one bulk insert, each specific row is saved
    raw (as ``loaddata`` saves one), which also keeps the search signals out of it.
    """
    parent = Page.objects.get(pk=parent.pk)
    last = parent.get_last_child()
    first_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    content_type = ContentType.objects.get_for_model(type(pages[0]))
    now = timezone.now()
    for step, page in enumerate(pages, start=first_step):
        page.path = Page._get_path(parent.path, parent.depth + 1, step)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = now
    base_fields = [field.attname for field in Page._meta.concrete_fields if field.name != "id"]
    rows = Page.objects.bulk_create(
        [Page(**{name: getattr(page, name) for name in base_fields}) for page in pages],
        batch_size=500,
    )
    for page, row in zip(pages, rows, strict=True):
        page.id = page.page_ptr_id = row.id
        page.save_base(raw=True, force_insert=True)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    return pages


def link(relation, pairs):
    """Fill the ``ParentalManyToManyField`` ``relation`` from ``(owner, target)`` pairs."""
    through = relation.through
    owner_field, target_field = (
        field.attname for field in through._meta.concrete_fields if field.is_relation
    )
    through.objects.bulk_create(
        [through(**{owner_field: owner.pk, target_field: target.pk}) for owner, target in pairs],
        batch_size=1000,
        ignore_conflicts=True,
    )


# The content


def add_members(counts: Size, topics: list[Topic]) -> list[Member]:
    """The registry: four in five active with a public profile."""
    admitted = datetime.date(2020, 1, 1)
    members = Member.objects.bulk_create(
        [
            Member(
                registry_number=number,
                kind="person",
                name=f"Участник {number:05d} Иванов",
                organization="Совет дома" if number % 3 == 0 else "",
                municipality=MUNICIPALITIES[number % len(MUNICIPALITIES)],
                category=CATEGORIES[number % len(CATEGORIES)],
                role="member",
                status="active" if number % 10 else "terminated",
                terminated_on=None if number % 10 else datetime.date(2024, 6, 1),
                termination_ground="" if number % 10 else "voluntary",
                admitted_on=admitted + datetime.timedelta(days=number % 1500),
                public_profile=number % 5 != 0,
                bio="<p>Занимается вопросами ЖКХ своего дома.</p>",
                email=f"member{number}@example.org",
            )
            for number in range(1, counts.members + 1)
        ],
        batch_size=1000,
    )
    link(
        Member.expertise,
        [(member, topics[number % len(topics)]) for number, member in enumerate(members)]
        + [(member, topics[(number + 3) % len(topics)]) for number, member in enumerate(members)],
    )
    return members


def add_cases(library, counts: Size, topics, members, now) -> list[CaseStudyPage]:
    """Cases with two appeals, three timeline entries, a team of two and a related case."""
    today = timezone.localdate(now)
    cases = []
    for number in range(counts.cases):
        first_appeal = today - datetime.timedelta(days=30 + number % 1800)
        roof = number % 5 == 0
        summary = (ROOF_SUMMARIES if roof else CASE_SUMMARIES)[number % 3 if roof else number % 5]
        case = CaseStudyPage(
            title=f"Кейс {number + 1}: {TOPICS[number % len(TOPICS)].lower()}",
            slug=f"case-{number + 1}",
            summary=summary,
            problem=f"<p>{summary} Жильцы обращались в управляющую компанию и ГЖИ.</p>",
            municipality=MUNICIPALITIES[number % len(MUNICIPALITIES)],
            result=CASE_RESULTS[number % len(CASE_RESULTS)],
            status=CASE_STATUSES[number % len(CASE_STATUSES)],
            outcome="<p>Работы выполнены частично.</p>",
            lessons="<p>Фиксировать каждое обращение письменно.</p>",
            first_appeal_on=first_appeal,
        )
        case.search_description = summary
        cases.append(case)
    add_leaf_pages(library, cases)
    appeals, timeline, team = [], [], []
    for case in cases:
        first = case.first_appeal_on
        appeals += [
            CaseAppeal(case_id=case.pk, sort_order=0, received_on=first, summary="Протечки."),
            CaseAppeal(
                case_id=case.pk,
                sort_order=1,
                received_on=first + datetime.timedelta(days=10),
                channel="email",
                summary="Повторное обращение.",
            ),
        ]
        timeline += [
            CaseTimelineEntry(
                case_id=case.pk,
                sort_order=step,
                date=first + datetime.timedelta(days=5 + 7 * step),
                status="in_progress" if step < 2 else case.status,
                note="Направлен запрос.",
            )
            for step in range(3)
        ]
    CaseAppeal.objects.bulk_create(appeals, batch_size=1000)
    CaseTimelineEntry.objects.bulk_create(timeline, batch_size=1000)
    for number, case in enumerate(cases):
        for sort_order, role in enumerate(["mentor", "participant"]):
            member = members[(2 * number + sort_order) % len(members)]
            team.append(
                CaseTeamMember(case_id=case.pk, sort_order=sort_order, member=member, role=role)
            )
    CaseTeamMember.objects.bulk_create(team, batch_size=1000)
    link(
        CaseStudyPage.topics,
        [(case, topics[number % len(topics)]) for number, case in enumerate(cases)],
    )
    link(
        CaseStudyPage.related_cases,
        [(case, cases[(number + 1) % len(cases)]) for number, case in enumerate(cases)],
    )
    return cases


def add_events(index, counts: Size, topics, members, cases, now) -> list[EventPage]:
    """Events from three years back to one ahead; every ``repeat_every``-th one weekly."""
    zone = zoneinfo.ZoneInfo(ZONE)
    today = timezone.localdate(now)
    span_days = 4 * 365
    events = []
    for number in range(counts.events):
        # Spread over the span, an evening each; later numbers are later dates.
        day = (
            today
            - datetime.timedelta(days=3 * 365)
            + datetime.timedelta(days=number * span_days // counts.events)
        )
        start = datetime.datetime.combine(day, datetime.time(18, 30), zone)
        repeats = number % counts.repeat_every == 1
        event = EventPage(
            title=f"{EVENT_TITLES[number % len(EVENT_TITLES)]} № {number + 1}",
            slug=f"event-{number + 1}",
            kind=EVENT_KINDS[number % len(EVENT_KINDS)],
            start=start,
            end=start + datetime.timedelta(hours=2),
            time_zone=ZONE,
            venue_name="Ресурсный центр",
            address="Волгоград, ул. Мира, 1",
            summary="Разбираем обращения жильцов: протечки кровли, отопление, тарифы.",
            registration="internal" if number % 2 == 0 else "none",
            capacity=40 if number % 2 == 0 else None,
            repeat="weekly" if repeats else "",
            repeat_count=counts.repeat_count if repeats else None,
        )
        event.schedule_fingerprint = schedule_fingerprint(event)
        events.append(event)
    add_leaf_pages(index, events)
    occurrences = []
    for event in events:
        occurrences += build_occurrences(event)
    EventOccurrence.objects.bulk_create(occurrences, batch_size=1000)
    link(
        EventPage.topics,
        [(event, topics[number % len(topics)]) for number, event in enumerate(events)],
    )
    link(
        EventPage.hosts,
        [(event, members[number % len(members)]) for number, event in enumerate(events)],
    )
    link(
        EventPage.related_cases,
        [(event, cases[number % len(cases)]) for number, event in enumerate(events)],
    )
    return events


def add_registrations(counts: Size, events, members, now):
    """Registrations spread over the dates of the events with the site's own form."""
    dates = [
        (occurrence.event_id, occurrence.original_start.astimezone(zoneinfo.ZoneInfo(ZONE)))
        for occurrence in EventOccurrence.objects.filter(event__registration="internal")
        .order_by("start")
        .only("event_id", "original_start")
    ]
    registrations = []
    for number in range(counts.registrations):
        event_id, start = dates[number % len(dates)]
        member = members[number % len(members)] if number % 3 == 0 else None
        past = start < now
        registrations.append(
            EventRegistration(
                event_id=event_id,
                date=start.date(),
                status=("attended" if number % 4 else "no_show") if past else "confirmed",
                name=f"Гость {number}",
                email=f"guest{number}@example.org",
                member=member,
                consented_at=now,
                created_at=start - datetime.timedelta(days=3),
            )
        )
    EventRegistration.objects.bulk_create(registrations, batch_size=1000)


def ensure_admin():
    """A superuser for the editor screens."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=ADMIN_USERNAME).first()
    if user is None:
        user = user_model.objects.create_superuser(
            ADMIN_USERNAME, "bench@example.org", ADMIN_PASSWORD
        )
    return user


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    size = parser.parse_args().size
    started = timezone.now()
    built = build(size)
    seconds = (timezone.now() - started).total_seconds()
    print(f"Built the {size} data set in {seconds:.1f} s:")
    for name, url in built.urls.items():
        print(f"  {name:<20} {url}")


if __name__ == "__main__":
    main()
