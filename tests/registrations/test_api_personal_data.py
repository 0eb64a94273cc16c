"""No registrant's name, e-mail or phone is ever in a public answer of either API."""

import json

import pytest

from caseclub_wagtail.registrations import service
from tests.factories import (
    MemberFactory,
    make_case,
    make_case_library,
    make_directory,
    make_event,
    make_event_index,
    wall,
)
from tests.support.api_reading import API

pytestmark = [pytest.mark.django_db, pytest.mark.clock]

PEOPLE = [
    ("Зинаида Регистрантова", "zinaida.secret@example.org", "+79175550011"),
    ("Пётр Ожидающий", "petr.waiting@example.org", "+79175550022"),
    ("Скрытая Участница", "hidden.member@example.org", "+79175550033"),
]


def unescaped(answer) -> str:
    """An answer's JSON as text with its Cyrillic unescaped (the API writes ``\\u0421``)."""
    return json.dumps(answer.json(), ensure_ascii=False)


def test_registrants_appear_in_no_public_listing(client, clock):
    index = make_event_index()
    make_directory()
    library = make_case_library()
    make_case(library, "Кровля течёт")
    event = make_event(
        index, "Стажировка", wall(2), registration="internal", capacity=1, summary="Запись"
    )
    closed = make_event(
        index, "Для участников", wall(4), registration="internal", audience="members_only"
    )
    member = MemberFactory(
        name=PEOPLE[2][0], email=PEOPLE[2][1], phone=PEOPLE[2][2], public_profile=False
    )
    for name, email, phone in PEOPLE[:2]:
        service.register(event, wall(2).date(), name=name, email=email, phone=phone)
    service.register(
        closed,
        wall(4).date(),
        name=member.name,
        email=member.email,
        phone=member.phone,
        member=member,
    )
    public = [
        "events/",
        f"events/{event.pk}/",
        f"events/{closed.pk}/",
        "occurrences/",
        f"occurrences/?event={event.pk}",
        f"events/{event.pk}/registrations/",
        f"events/{closed.pk}/registrations/",
        "members/",
        "cases/",
        "topics/",
        "openapi.json",
    ]
    answers = [client.get(API + path) for path in public]
    answers += [
        client.get("/api/v2/pages/", {"type": "caseclub_wagtail.EventPage", "fields": "*"}),
        client.get(f"/api/v2/pages/{event.pk}/"),
        client.get(f"/api/v2/pages/{closed.pk}/"),
    ]
    assert [answer.status_code for answer in answers] == [200] * len(answers)
    # The answers do speak of the registrations: as counts.
    assert answers[1].json()["registration"]["waitlist"] == 1
    texts = [unescaped(answer) for answer in answers]
    # So searching the text finds a name if it is there.
    assert "Стажировка" in texts[0] and "Стажировка" in texts[-3]
    for answer, text in zip(answers, texts, strict=True):
        for name, email, phone in PEOPLE:
            for secret in (name, email, phone, phone[2:], name.split()[1]):
                assert secret not in text, (answer.request["PATH_INFO"], secret)
