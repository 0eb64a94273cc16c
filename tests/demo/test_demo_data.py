"""The demo loader: it reads the TOML data files and refuses a name that does not exist."""

import datetime
import io
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from caseclub_wagtail.applications.choices import ApplicationStatus
from caseclub_wagtail.models import (
    Appeal,
    AppealAttachment,
    AppealStatus,
    CaseAppeal,
    CaseStudyIndexPage,
    CaseStudyPage,
    CaseTimelineEntry,
    EventPage,
    EventRegistration,
    Member,
    MembershipApplication,
    Proposal,
    ProposalStatus,
    RegistrationStatus,
    Topic,
)
from example_site.demo.dates import relative_date, resolve

NOW = datetime.datetime(2026, 12, 1, 12, tzinfo=ZoneInfo("Europe/Volgograd"))

SMALL_DEMO = {
    "pages.toml": """
[home]
title = "Кейс-клуб"
slug = "home"
[member_directory]
title = "Члены клуба"
slug = "members"
[event_index]
title = "Мероприятия"
slug = "events"
[case_library]
title = "Кейсы"
slug = "cases"
""",
    "topics.toml": """
[[topics]]
slug = "heating"
name = "Отопление"
""",
    "members.toml": """
[[members]]
kind = "person"
name = "Иванова Анна Петровна"
municipality = "Волгоград"
category = "owner"
admitted_on = 2020-01-15
expertise = ["heating"]
""",
    "events.toml": """
time_zone = "Europe/Volgograd"
[[events]]
title = "Заседание"
slug = "club-meeting"
kind = "meeting"
start = { days = 12, time = "18:00" }
end = { from = "start", time = "20:00" }
venue_name = "Коворкинг"
summary = "Разбираем кейсы."
hosts = ["Иванова Анна Петровна"]
topics = ["heating"]
related_cases = ["cold-flat"]
registration = "internal"
capacity = 1
""",
    "registrations.toml": """
[[registrations]]
event = "club-meeting"
date = 0
name = "Петров Пётр"
email = "petrov@example.org"
[[registrations]]
event = "club-meeting"
date = 0
name = "Сидорова Анна"
email = "sidorova@example.org"
""",
    "proposals.toml": """
[page]
title = "Предложения"
slug = "proposals"
list_accepted = true
[[proposals]]
name = "Иванова Анна Петровна"
member = "Иванова Анна Петровна"
email = "anna@example.org"
text = "Чаще встречаться."
status = "accepted"
reply = "Да."
""",
    "documents.toml": """
[complaint]
title = "Образец жалобы"
description = "Жалоба в жилищную инспекцию."
filename = "zhaloba.txt"
text = "ЖАЛОБА"
""",
    "resources.toml": """
[housing-code]
title = "Жилищный кодекс"
url = "https://www.consultant.ru/document/cons_doc_LAW_51057/"
""",
    "appeals.toml": """
[page]
title = "Обращение"
slug = "appeal"
[[appeals]]
status = "linked"
days_ago = 3
name = "Холодова Вера"
email = "holodova@example.org"
address = "ул. Мира, 1"
topic = "heating"
description = "Холодно."
case = "cold-flat"
pdf = "скан.pdf"
""",
    "applications.toml": """
[page]
title = "Вступить"
slug = "join"
[[applications]]
name = "Петров Пётр"
category = "owner"
email = "petrov@example.org"
""",
    "cases/01-cold-flat.toml": """
slug = "cold-flat"
title = "Холодная квартира"
summary = "В угловой квартире холодно."
topics = ["heating"]
[[appeals]]
received_on = 2024-11-12
summary = "Жильцы жалуются на холод."
[[timeline]]
date = 2024-11-20
status = "in_progress"
[[team]]
member = "Иванова Анна Петровна"
role = "participant"
[[practices]]
document = "complaint"
[[practices]]
resource = "housing-code"
""",
}


def write_demo(folder: Path, change=None) -> Path:
    """The small demo above in ``folder``; ``change`` is (file, old text, new text)."""
    files = dict(SMALL_DEMO)
    if change:
        name, old, new = change
        assert old in files[name]
        files[name] = files[name].replace(old, new)
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def load(data_dir=None) -> str:
    out = io.StringIO()
    options = {"data_dir": data_dir} if data_dir else {}
    with time_machine.travel(NOW, tick=False), translation.override("en"):
        call_command("load_demo_data", stdout=out, **options)
    return out.getvalue()


@pytest.mark.django_db
def test_the_small_demo_loads_with_its_names_resolved(tmp_path):
    load(write_demo(tmp_path))

    # One seat: the first person has it, the second waits.
    assert list(EventRegistration.objects.order_by("pk").values_list("name", "status")) == [
        ("Петров Пётр", "confirmed"),
        ("Сидорова Анна", "waitlisted"),
    ]

    event = EventPage.objects.get(slug="club-meeting")
    case = CaseStudyPage.objects.get(slug="cold-flat")
    assert [host.name for host in event.hosts.all()] == ["Иванова Анна Петровна"]
    assert event.start == datetime.datetime(2026, 12, 13, 18, tzinfo=ZoneInfo("Europe/Volgograd"))
    assert [page.slug for page in event.related_cases.all()] == ["cold-flat"]
    assert [row.member.name for row in case.team.all()] == ["Иванова Анна Петровна"]
    assert [block.block_type for block in case.practices] == ["document", "resource"]
    appeal = Appeal.objects.get()
    assert (appeal.case_id, appeal.topic.slug, appeal.page.slug) == (case.pk, "heating", "appeal")
    assert appeal.attachments.get().file.read().startswith(b"%PDF")


BROKEN = [
    pytest.param(
        ("events.toml", 'hosts = ["Иванова Анна Петровна"]', 'hosts = ["Петров Пётр"]'),
        "events.toml, event «club-meeting»: no member named «Петров Пётр»",
        id="unknown-host",
    ),
    pytest.param(
        ("cases/01-cold-flat.toml", 'member = "Иванова Анна Петровна"', 'member = "Сидоров"'),
        "cases/01-cold-flat.toml, case «cold-flat»: no member named «Сидоров»",
        id="unknown-team-member",
    ),
    pytest.param(
        ("members.toml", 'expertise = ["heating"]', 'expertise = ["heating", "gardening"]'),
        "members.toml, member «Иванова Анна Петровна»: no topic named «gardening»",
        id="unknown-topic-of-a-member",
    ),
    pytest.param(
        ("events.toml", 'topics = ["heating"]', 'topics = ["lifts"]'),
        "events.toml, event «club-meeting»: no topic named «lifts»",
        id="unknown-topic-of-an-event",
    ),
    pytest.param(
        ("events.toml", 'related_cases = ["cold-flat"]', 'related_cases = ["hot-flat"]'),
        "events.toml, event «club-meeting»: no case named «hot-flat»",
        id="unknown-case-of-an-event",
    ),
    pytest.param(
        ("cases/01-cold-flat.toml", 'document = "complaint"', 'document = "claim"'),
        "cases/01-cold-flat.toml, case «cold-flat»: no document named «claim»",
        id="unknown-document",
    ),
    pytest.param(
        ("cases/01-cold-flat.toml", 'topics = ["heating"]', 'related = ["hot-flat"]\ntopics = []'),
        "cases/01-cold-flat.toml, case «cold-flat»: no case named «hot-flat»",
        id="unknown-related-case",
    ),
    pytest.param(
        ("appeals.toml", 'case = "cold-flat"', 'case = "hot-flat"'),
        "appeals.toml, appeal «Холодова Вера»: no case named «hot-flat»",
        id="unknown-case-of-an-appeal",
    ),
    pytest.param(
        ("cases/01-cold-flat.toml", "date = 2024-11-20", "date = 2024-11-01"),
        "cases/01-cold-flat.toml, case «cold-flat»: invalid: "
        "__all__: This entry is dated before the first appeal (11/12/2024).",
        id="timeline-before-the-first-appeal",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("change", "message"), BROKEN)
def test_a_name_that_does_not_exist_stops_the_loader_and_nothing_is_saved(
    tmp_path, change, message
):
    with pytest.raises(CommandError) as error:
        load(write_demo(tmp_path, change))

    assert str(error.value).startswith(message)
    assert not Member.objects.exists()
    assert not Topic.objects.exists()
    assert not EventPage.objects.exists()


@pytest.mark.django_db
def test_a_missing_data_file_is_named(tmp_path):
    write_demo(tmp_path)
    (tmp_path / "topics.toml").unlink()

    with pytest.raises(CommandError, match=r"topics\.toml: the demo's data file is missing"):
        load(tmp_path)


@pytest.mark.django_db
def test_the_shipped_demo_loads_and_a_second_run_adds_nothing():
    first = load()
    second = load()

    assert "cases: 16 created" in first
    assert "events: 7 created" in first
    assert "superuser: 1 created" in first
    assert "registrations: 10 created" in first
    assert "proposals: 5 created" in first
    assert "applications: 5 created" in first
    assert "created" not in second
    statuses = set(EventRegistration.objects.values_list("status", flat=True))
    assert statuses == set(RegistrationStatus.values)
    assert "appeals: 5 created" in first
    assert set(Appeal.objects.values_list("status", flat=True)) == set(AppealStatus.values)
    assert AppealAttachment.objects.filter(content_type="application/pdf").count() == 2
    assert set(Proposal.objects.values_list("status", flat=True)) == set(ProposalStatus.values)
    decided = set(MembershipApplication.objects.values_list("status", flat=True))
    assert decided == set(ApplicationStatus.values)
    assert EventPage.objects.get(slug="club-meeting").hosts.count() == 2
    assert CaseStudyPage.objects.get(slug="wrong-heating-charges").team.count() == 3
    # A coordinator may turn an appeal into a draft case in the library, and publish it.
    assert "coordinators' page permissions: 3 created" in first
    coordinator = get_user_model().objects.create_user("coordinator", "c@example.org", "pw")
    coordinator.groups.add(Group.objects.get(name="Координаторы Кейс-клуба"))
    library = CaseStudyIndexPage.objects.get().permissions_for_user(coordinator)
    assert library.can_add_subpage() and library.can_publish_subpage()


# The relative dates of the data files


TODAY = datetime.date(2026, 12, 1)  # a Tuesday


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ({"days": 12}, datetime.date(2026, 12, 13)),
        ({"days": -40}, datetime.date(2026, 10, 22)),
        ({"months": -4, "weekday": "thursday", "nth": 2}, datetime.date(2026, 8, 13)),
        ({"months": 1, "weekday": "thursday", "nth": 2}, datetime.date(2027, 1, 14)),
        ({"days": 3, "weekday": "monday"}, datetime.date(2026, 12, 7)),
        # 28 days on is a Tuesday; its Monday after, 4 January, is in the holidays.
        (
            {"days": 28, "weekday": "monday", "skip_new_year_holidays": True},
            datetime.date(2027, 1, 11),
        ),
        ({"days": 10, "skip_new_year_holidays": True}, datetime.date(2026, 12, 11)),
    ],
)
def test_a_relative_date_is_counted_from_today(spec, expected):
    assert relative_date(spec, TODAY) == expected


def test_from_counts_from_another_field_and_time_makes_an_aware_datetime():
    zone = ZoneInfo("Europe/Volgograd")
    start = resolve({"days": 12, "time": "18:00"}, TODAY, {}, zone)
    end = resolve({"from": "start", "days": 1, "time": "09:30"}, TODAY, {"start": start}, zone)

    assert start == datetime.datetime(2026, 12, 13, 18, tzinfo=zone)
    assert end == datetime.datetime(2026, 12, 14, 9, 30, tzinfo=zone)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"weekday": "четверг", "nth": 2}, "unknown weekday «четверг»"),
        ({"month": 1}, "unknown keys in a relative date: month"),
        ({"months": 1}, "also needs «weekday» and «nth»"),
        ({"from": "end"}, "«from» names «end», which is not set before it"),
        ({"days": 1, "time": "18:00"}, "«time» is only for a field that holds a date and a time"),
    ],
)
def test_a_bad_relative_date_is_refused_with_a_reason(spec, message):
    with pytest.raises(ValueError, match=message):
        resolve(spec, TODAY, {})


# The case's rule that the timeline starts with the appeals, on the model itself


@pytest.mark.django_db
def test_a_case_refuses_a_timeline_entry_before_its_first_appeal():
    case = CaseStudyPage(title="Кейс", slug="kejs", summary="Проблема", path="00019999", depth=3)
    case.appeals = [
        CaseAppeal(received_on=datetime.date(2025, 3, 12), summary="Второе"),
        CaseAppeal(received_on=datetime.date(2025, 3, 1), summary="Первое"),
    ]
    case.timeline = [
        CaseTimelineEntry(date=datetime.date(2025, 3, 5)),
        CaseTimelineEntry(date=datetime.date(2025, 2, 28)),
    ]

    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            case.clean()
        assert error.value.messages == [
            "This entry is dated before the first appeal (03/01/2025). "
            "The timeline starts with the appeals."
        ]
    case.timeline = [CaseTimelineEntry(date=datetime.date(2025, 3, 1))]
    case.clean()
