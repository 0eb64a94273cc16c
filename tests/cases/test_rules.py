"""The rules of a case: its status and first appeal are derived, its appeals are anonymised."""

import datetime
import re
import time

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from caseclub_wagtail.models import (
    CaseAppeal,
    CaseStatus,
    CaseStudyPage,
    CaseTimelineEntry,
)
from tests.factories import make_case, make_case_library
from tests.support.translation import in_russian, russian_label

D = datetime.date
CARD_TITLE = re.compile(r'<h2 class="caseclub-case-card__title"><a href="[^"]*">([^<]*)</a></h2>')

PHONE_IN_TEXT = (
    "The field «%(field)s» contains the phone number «%(contact)s». Cases are published: "
    "remove the number. An organisation's public hotline may stay if the site's administrator "
    "lists it as public."
)
EMAIL_IN_TEXT = (
    "The field «%(field)s» contains the e-mail address «%(contact)s». Cases are published: "
    "remove the address. An organisation's public address may stay if the site's "
    "administrator lists its domain as public."
)
APPEAL_IN_FUTURE = "An appeal cannot be received in the future."
ENTRY_IN_FUTURE = "A timeline entry cannot be dated in the future."


@pytest.fixture
def library(db):
    return make_case_library()


def stored(case) -> CaseStudyPage:
    return CaseStudyPage.objects.get(pk=case.pk)


def entries(*rows):
    """Timeline entries in the editor's order, numbered as the editor's form numbers them."""
    return [
        CaseTimelineEntry(date=day, status=status, note="", sort_order=position)
        for position, (day, status) in enumerate(rows)
    ]


def listed(client, **params) -> list[str]:
    response = client.get("/cases/", params)
    assert response.status_code == 200
    return CARD_TITLE.findall(response.content.decode())


# The status is the status of the latest timeline entry


@pytest.mark.parametrize(
    ("timeline", "expected"),
    [
        pytest.param([], CaseStatus.NEW, id="no-entries"),
        pytest.param([(D(2025, 3, 5), "in_progress")], CaseStatus.IN_PROGRESS, id="one-entry"),
        pytest.param(
            [(D(2025, 3, 5), "in_progress"), (D(2025, 6, 1), "resolved")],
            CaseStatus.RESOLVED,
            id="in-date-order",
        ),
        pytest.param(
            [(D(2025, 6, 1), "resolved"), (D(2025, 3, 5), "in_progress")],
            CaseStatus.RESOLVED,
            id="latest-entered-first",
        ),
        pytest.param(
            [
                (D(2025, 3, 5), "in_progress"),
                (D(2025, 9, 1), "unresolved"),
                (D(2025, 6, 1), "monitoring"),
            ],
            CaseStatus.UNRESOLVED,
            id="latest-in-the-middle",
        ),
        pytest.param(
            [(D(2025, 6, 1), "in_progress"), (D(2025, 6, 1), "monitoring")],
            CaseStatus.MONITORING,
            id="same-day-the-later-entry",
        ),
        pytest.param(
            [(D(2025, 6, 1), "monitoring"), (D(2025, 6, 1), "in_progress")],
            CaseStatus.IN_PROGRESS,
            id="same-day-the-later-entry-reversed",
        ),
        pytest.param(
            [
                (D(2025, 6, 1), "resolved"),
                (D(2025, 6, 1), "monitoring"),
                (D(2025, 2, 1), "unresolved"),
            ],
            CaseStatus.MONITORING,
            id="same-latest-day-then-an-older-entry",
        ),
    ],
)
def test_status_is_the_status_of_the_latest_timeline_entry(library, timeline, expected):
    case = CaseStudyPage(title="Протекает кровля", slug="krovlia", summary="Кровля течёт.")
    case.timeline = entries(*timeline)
    library.add_child(instance=case)
    case.save_revision().publish()

    assert stored(case).status == expected


def test_status_follows_the_timeline_as_it_grows(library, client):
    case = make_case(library, "Кровля", timeline=[(D(2025, 3, 5), "in_progress", "")])
    assert stored(case).status == CaseStatus.IN_PROGRESS
    assert listed(client, status="in_progress") == ["Кровля"]

    draft = case.get_latest_revision_as_object()
    draft.timeline.add(CaseTimelineEntry(date=D(2025, 7, 1), status="resolved", sort_order=1))
    draft.save_revision().publish()

    assert stored(case).status == CaseStatus.RESOLVED
    assert listed(client, status="in_progress") == []
    assert listed(client, status="resolved") == ["Кровля"]


def test_removing_every_entry_makes_the_case_new_again(library):
    case = make_case(library, timeline=[(D(2025, 3, 5), "resolved", "")])

    draft = case.get_latest_revision_as_object()
    draft.timeline = []
    draft.save_revision().publish()

    assert stored(case).status == CaseStatus.NEW


def test_the_status_stays_derived_whatever_is_assigned(library):
    case = make_case(library, timeline=[(D(2025, 3, 5), "in_progress", "")])

    page = stored(case)
    page.status = CaseStatus.RESOLVED
    page.save_revision().publish()

    assert stored(case).status == CaseStatus.IN_PROGRESS


def test_publishing_an_older_revision_restores_its_status(library, client):
    case = make_case(library, "Кровля", timeline=[(D(2025, 3, 5), "in_progress", "")])
    first = stored(case).live_revision
    draft = case.get_latest_revision_as_object()
    draft.timeline.add(CaseTimelineEntry(date=D(2025, 7, 1), status="resolved", sort_order=1))
    draft.save_revision().publish()
    assert stored(case).status == CaseStatus.RESOLVED

    first.publish()

    assert stored(case).status == CaseStatus.IN_PROGRESS
    assert [entry.status for entry in stored(case).timeline.all()] == ["in_progress"]
    assert listed(client, status="in_progress") == ["Кровля"]
    assert listed(client, status="resolved") == []


def test_a_draft_does_not_change_the_status_of_the_live_page(library, client):
    case = make_case(library, "Кровля", timeline=[(D(2025, 3, 5), "in_progress", "")])
    draft = case.get_latest_revision_as_object()
    draft.timeline.add(CaseTimelineEntry(date=D(2025, 7, 1), status="resolved", sort_order=1))

    draft.save_revision()

    page = stored(case)
    assert page.has_unpublished_changes
    assert page.status == CaseStatus.IN_PROGRESS
    assert [entry.status for entry in page.timeline.all()] == ["in_progress"]
    assert listed(client, status="resolved") == []
    assert listed(client, status="in_progress") == ["Кровля"]
    # The draft itself, once published, brings its status.
    page.get_latest_revision().publish()
    assert stored(case).status == CaseStatus.RESOLVED


# The first appeal


def test_first_appeal_is_the_earliest_whatever_the_order_of_entry(library):
    case = make_case(
        library,
        appeals=[
            (D(2025, 4, 2), "letter", "Повторная жалоба"),
            (D(2024, 12, 20), "in_person", "Первое обращение на приёме"),
            (D(2025, 1, 15), "website", "Обращение через сайт"),
        ],
    )

    assert stored(case).first_appeal_on == D(2024, 12, 20)


def test_a_case_without_appeals_has_no_first_appeal(library):
    assert stored(make_case(library)).first_appeal_on is None


def test_first_appeal_follows_added_and_removed_appeals(library):
    case = make_case(library, appeals=[(D(2025, 4, 2), "letter", "Жалоба на протечку")])

    draft = case.get_latest_revision_as_object()
    draft.appeals.add(CaseAppeal(received_on=D(2025, 2, 1), channel="phone", summary="Звонок"))
    draft.save_revision().publish()
    assert stored(case).first_appeal_on == D(2025, 2, 1)

    draft = stored(case).get_latest_revision_as_object()
    draft.appeals = [a for a in draft.appeals.all() if a.received_on != D(2025, 2, 1)]
    draft.save_revision().publish()
    assert stored(case).first_appeal_on == D(2025, 4, 2)


# Appeals are published: no contacts, no dates in the future
# (what reads as a contact is tested in tests/core/test_contact_detection.py)


@pytest.mark.parametrize(
    ("text", "message", "contact"),
    [
        ("Пишите старшей по дому: maria.k@list.ru", EMAIL_IN_TEXT, "maria.k@list.ru"),
        ("Звонила жительница, 8 (937) 555-01-02.", PHONE_IN_TEXT, "8 (937) 555-01-02"),
    ],
)
def test_an_appeal_with_a_contact_is_refused_beside_its_summary(text, message, contact):
    appeal = CaseAppeal(received_on=D(2025, 3, 1), channel="letter", summary=text)

    with translation.override("ru"), pytest.raises(ValidationError) as refused:
        appeal.clean()
    expected = in_russian(message, field=russian_label(CaseAppeal, "summary"), contact=contact)
    assert refused.value.message_dict == {"summary": [expected]}


def test_an_appeal_with_dates_sums_and_document_numbers_is_accepted():
    CaseAppeal(
        received_on=D(2025, 3, 1),
        channel="letter",
        summary="Жалоба от 12.03.2025 по протоколу № 12-03-25: переплата 12 450 руб.",
    ).clean()


def test_a_case_saved_by_code_with_a_contact_is_refused_too(library):
    with translation.override("ru"), pytest.raises(ValidationError) as refused:
        make_case(library, problem="<p>Старшая по дому: тел. 5-12-34</p>")

    expected = in_russian(
        PHONE_IN_TEXT, field=russian_label(CaseStudyPage, "problem"), contact="5-12-34"
    )
    assert refused.value.message_dict == {"problem": [expected]}
    assert not CaseStudyPage.objects.exists()


@pytest.mark.parametrize(
    "make",
    [
        lambda: CaseAppeal(received_on=D(2025, 3, 1), summary="x" * 100_000),
        lambda: CaseAppeal(received_on=D(2025, 3, 1), summary="a@" * 50_000),
        lambda: CaseTimelineEntry(date=D(2025, 3, 1), note="7" * 100_000),
        lambda: CaseTimelineEntry(date=D(2025, 3, 1), note="1-" * 50_000),
    ],
    ids=["appeal-letters", "appeal-at-signs", "note-digits", "note-dashed-digits"],
)
def test_a_huge_appeal_or_note_is_checked_in_well_under_a_second(make):
    # 5.9 s for 50,000 letters and 10.7 s for 50,000 sevens before; generous for a noisy machine.
    started = time.perf_counter()
    make().clean()
    assert time.perf_counter() - started < 2


def test_a_timeline_note_with_a_phone_number_is_refused():
    entry = CaseTimelineEntry(date=D(2025, 3, 1), status="in_progress", note="Звонить 555 12 34")

    with translation.override("ru"), pytest.raises(ValidationError) as refused:
        entry.clean()
    expected = in_russian(
        PHONE_IN_TEXT, field=russian_label(CaseTimelineEntry, "note"), contact="555 12 34"
    )
    assert refused.value.message_dict == {"note": [expected]}
    CaseTimelineEntry(date=D(2025, 3, 1), status="in_progress", note="Акт от 12.03.2025").clean()


@pytest.mark.clock
def test_an_appeal_received_in_the_future_is_refused_and_today_is_accepted():
    today = timezone.localdate()
    CaseAppeal(received_on=today, channel="letter", summary="Жалоба").clean()

    future = CaseAppeal(
        received_on=today + datetime.timedelta(days=1), channel="letter", summary="Жалоба"
    )
    with translation.override("ru"), pytest.raises(ValidationError) as refused:
        future.clean()
    assert refused.value.message_dict == {"received_on": [in_russian(APPEAL_IN_FUTURE)]}


@pytest.mark.clock
def test_an_appeal_in_the_future_with_a_phone_gets_both_errors():
    appeal = CaseAppeal(
        received_on=timezone.localdate() + datetime.timedelta(days=3),
        channel="phone",
        summary="Перезвонить на 55-12-34",
    )

    with translation.override("ru"), pytest.raises(ValidationError) as refused:
        appeal.clean()
    assert refused.value.message_dict == {
        "received_on": [in_russian(APPEAL_IN_FUTURE)],
        "summary": [
            in_russian(
                PHONE_IN_TEXT, field=russian_label(CaseAppeal, "summary"), contact="55-12-34"
            )
        ],
    }


@pytest.mark.clock
def test_a_timeline_entry_in_the_future_is_refused_and_today_is_accepted():
    today = timezone.localdate()
    CaseTimelineEntry(date=today, status="in_progress").clean()

    with translation.override("ru"), pytest.raises(ValidationError) as refused:
        CaseTimelineEntry(date=today + datetime.timedelta(days=1), status="resolved").clean()
    assert refused.value.message_dict == {"date": [in_russian(ENTRY_IN_FUTURE)]}


@pytest.mark.parametrize(
    "message", [PHONE_IN_TEXT, EMAIL_IN_TEXT, APPEAL_IN_FUTURE, ENTRY_IN_FUTURE]
)
def test_the_rules_speak_russian_to_the_editor(message):
    translated = in_russian(message)

    assert translated != message
    assert re.search("[а-яё]", translated)
