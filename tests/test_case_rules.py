"""The rules of a case: its status and first appeal are derived, its appeals are anonymised."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from caseclub_wagtail.models import (
    CaseAppeal,
    CaseStatus,
    CaseStudyPage,
    CaseTimelineEntry,
)
from caseclub_wagtail.models.cases import contains_contact
from tests.factories import make_case, make_case_library

D = datetime.date
CARD_TITLE = re.compile(r'<h2 class="caseclub-case-card__title"><a href="[^"]*">([^<]*)</a></h2>')

CONTACT_IN_NOTE = (
    "This note contains an e-mail address or a phone number. The timeline is published: "
    "remove the contact details."
)
CONTACT_IN_APPEAL = (
    "This summary contains an e-mail address or a phone number. Appeals are "
    "published: remove the contact details to anonymise it."
)
APPEAL_IN_FUTURE = "An appeal cannot be received in the future."
ENTRY_IN_FUTURE = "A timeline entry cannot be dated in the future."


def in_russian(message: str) -> str:
    with translation.override("ru"):
        return translation.gettext(message)


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


@pytest.mark.parametrize(
    "text",
    [
        "Жалобу прислали с адреса ivanova.m@mail.ru, просят перезвонить.",
        "Ответ направить на jkh-help@volgograd.gov.ru",
        "Контакт: petrov+tsj@example.org",
        "Звонить по телефону +7 (8442) 55-12-34 вечером.",
        "Мобильный 8 905 123 45 67, спросить Марию.",
        "Тел. 8-905-123-45-67",
        "+79051234567",
        "Телефон старшей по дому 55-12-34.",
        "Номер 8 (8442) 55 12 34 не отвечает.",
        "+7 844 255-12-34",
        "Звонить 555 12 34 после шести.",
        "тел. 5551234",
        "т. 555.12.34",
        "Сельский номер тел 5-12-34.",
    ],
)
def test_an_appeal_with_an_email_or_a_phone_number_is_refused(text):
    appeal = CaseAppeal(received_on=D(2025, 3, 1), channel="letter", summary=text)

    assert contains_contact(text)
    with translation.override("ru"), pytest.raises(ValidationError) as refused:
        appeal.clean()
    assert refused.value.message_dict == {"summary": [in_russian(CONTACT_IN_APPEAL)]}


@pytest.mark.parametrize(
    "text",
    [
        "Обращение от 12.03.2025 о протечке кровли.",
        "Срок ответа истёк 2025-03-12.",
        "С 01.02.2025 по 31.03.2025 начисления выросли вдвое.",
        "Переплата составила 12 450 руб.",
        "Смета капремонта — 2 345 678 рублей.",
        "Дом № 15, кв. 127, подъезд 3, этаж 9.",
        "ул. Мира, д. 10/2, корп. 1",
        "Заявка № 2025-0347 в ГИС ЖКХ.",
        "Отопление подали в 18:30, температура +14 °C.",
        "Тариф вырос с 31,45 до 38,12 руб. за кубометр в 2024-2025 годах.",
        "Жильцы 5-го и 9-го этажей, 120 квартир.",
    ],
)
def test_dates_sums_and_house_numbers_are_not_taken_for_contacts(text):
    appeal = CaseAppeal(received_on=D(2025, 3, 1), channel="letter", summary=text)

    assert not contains_contact(text)
    appeal.clean()


def test_a_timeline_note_with_a_phone_number_is_refused():
    entry = CaseTimelineEntry(date=D(2025, 3, 1), status="in_progress", note="Звонить 555 12 34")

    with translation.override("ru"), pytest.raises(ValidationError) as refused:
        entry.clean()
    assert refused.value.message_dict == {"note": [in_russian(CONTACT_IN_NOTE)]}
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
        "summary": [in_russian(CONTACT_IN_APPEAL)],
    }


@pytest.mark.clock
def test_a_timeline_entry_in_the_future_is_refused_and_today_is_accepted():
    today = timezone.localdate()
    CaseTimelineEntry(date=today, status="in_progress").clean()

    with translation.override("ru"), pytest.raises(ValidationError) as refused:
        CaseTimelineEntry(date=today + datetime.timedelta(days=1), status="resolved").clean()
    assert refused.value.message_dict == {"date": [in_russian(ENTRY_IN_FUTURE)]}


@pytest.mark.parametrize("message", [CONTACT_IN_APPEAL, APPEAL_IN_FUTURE, ENTRY_IN_FUTURE])
def test_the_rules_speak_russian_to_the_editor(message):
    translated = in_russian(message)

    assert translated != message
    assert re.search("[а-яё]", translated)
