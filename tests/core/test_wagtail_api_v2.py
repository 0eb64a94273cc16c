"""The package's page types in Wagtail's own API (v2), as the example site mounts it."""

import datetime

import pytest
from wagtail.blocks import StreamValue

from caseclub_wagtail.models import CaseStudyPage, EventPage
from tests.factories import (
    MemberFactory,
    TopicFactory,
    make_case,
    make_case_library,
    make_directory,
    make_event,
    make_event_index,
    wall,
)

pytestmark = [pytest.mark.django_db, pytest.mark.clock]

EMAIL = "private.person@example.org"
PHONE = "+7 902 111-22-33"


@pytest.fixture
def people():
    directory = make_directory()
    public = MemberFactory(
        name="Открытова Анна",
        organization="ТСЖ «Мир»",
        public_profile=True,
        email="anna@example.org",
        phone="+7 902 000-00-01",
    )
    private = MemberFactory(name="Скрытов Борис", public_profile=False, email=EMAIL, phone=PHONE)
    return directory, public, private


def pages(client, page_type, **params):
    response = client.get(
        "/api/v2/pages/", {"type": f"caseclub_wagtail.{page_type}", "fields": "*", **params}
    )
    assert response.status_code == 200, response.content
    return response


def assert_no_private_data(text, *members):
    for member in members:
        assert member.email not in text
        assert member.phone not in text
    assert "email" not in text
    assert "phone" not in text


def test_events_give_their_public_fields(client, people):
    _directory, public, private = people
    library = make_case_library()
    shown = make_case(library, "Открытый кейс")
    hidden = make_case(library, "Кейс-черновик", live=False)
    topic = TopicFactory(name="Капремонт", slug="kapremont")
    make_event(
        make_event_index(),
        "Заседание клуба",
        wall(7),
        kind="master_class",
        hosts=[public, private],
        topics=[topic],
        cases=[shown, hidden],
        online_url="https://meet.example/room",
    )

    response = pages(client, "EventPage")

    [item] = response.json()["items"]
    assert item["title"] == "Заседание клуба"
    assert item["kind"] == {"code": "master_class", "label": "мастер-класс"}
    assert item["hosts"] == [
        {
            "registry_number": public.registry_number,
            "name": "Открытова Анна",
            "kind": {"code": "person", "label": "физическое лицо"},
            "organization": "ТСЖ «Мир»",
        }
    ]
    assert item["topics"] == [{"slug": "kapremont", "name": "Капремонт"}]
    assert [case["title"] for case in item["related_cases"]] == ["Открытый кейс"]
    assert item["related_cases"][0]["url"] == f"http://testserver{shown.url}"
    assert item["online_url"] == "https://meet.example/room"
    text = response.content.decode()
    assert "Скрытов" not in text
    assert "Кейс-черновик" not in text
    assert_no_private_data(text, public, private)


def test_a_members_only_link_stays_private(client):
    make_event(
        make_event_index(),
        "Только для членов",
        wall(7),
        audience="members_only",
        online_url="https://meet.example/secret",
    )

    response = pages(client, "EventPage")

    assert response.json()["items"][0]["online_url"] == ""
    assert "meet.example/secret" not in response.content.decode()


def test_drafts_never_appear(client):
    index = make_event_index()
    make_event(index, "Неопубликованное мероприятие", wall(3), live=False)
    event = make_event(index, "Заседание клуба", wall(7))
    draft = event.get_latest_revision_as_object()
    draft.title = "Черновое название"
    draft.summary = "Черновая сводка"
    draft.save_revision()

    listing = pages(client, "EventPage").content.decode()
    detail = client.get(f"/api/v2/pages/{event.pk}/").content.decode()

    for text in (listing, detail):
        assert "Неопубликованное" not in text
        assert "Черновое название" not in text
        assert "Черновая сводка" not in text
        assert "Заседание клуба" in text


def test_a_case_names_only_public_members(client, people):
    _directory, public, private = people
    library = make_case_library()
    hidden = make_case(library, "Снятый кейс", live=False)
    case = make_case(
        library,
        "Протекает кровля",
        appeals=[(datetime.date(2025, 3, 1), "letter", "Жалоба жильцов")],
        timeline=[(datetime.date(2025, 3, 5), "monitoring", "Осмотр")],
        team=[(public, "mentor"), (private, "participant")],
    )
    practices = CaseStudyPage._meta.get_field("practices").stream_block
    case.practices = StreamValue(
        practices,
        [("case", hidden), ("resource", {"title": "Закон", "url": "https://law.example"})],
    )
    case.save_revision().publish()
    make_event(make_event_index(), "Разбор кейса", wall(-7), cases=[case])

    response = client.get(f"/api/v2/pages/{case.pk}/")

    body = response.json()
    assert body["team"][0]["member"]["name"] == "Открытова Анна"
    assert body["team"][0]["role"]["code"] == "mentor"
    assert body["team"][1] == {
        "role": {"code": "participant", "label": "участник"},
        "name": "участник клуба",
        "member": None,
    }
    assert body["appeals"][0]["summary"] == "Жалоба жильцов"
    assert body["appeals"][0]["channel"]["code"] == "letter"
    assert body["timeline"][0]["status"]["code"] == "monitoring"
    assert [block["type"] for block in body["practices"]] == ["resource"]
    assert [event["title"] for event in body["events"]] == ["Разбор кейса"]
    text = response.content.decode()
    assert "Скрытов" not in text
    assert "Снятый кейс" not in text
    assert_no_private_data(text, public, private)


def test_a_host_who_leaves_the_club_is_no_longer_named(client, people):
    _directory, public, _private = people
    make_event(make_event_index(), "Заседание клуба", wall(7), hosts=[public])
    public.status = "terminated"
    public.save()

    item = pages(client, "EventPage").json()["items"][0]

    assert item["hosts"] == []
    assert "Открытова" not in pages(client, "EventPage").content.decode()


def test_every_page_type_answers_with_fields(client, people):
    make_event_index()
    make_case_library()
    for page_type in ("EventIndexPage", "CaseStudyIndexPage", "MemberDirectoryPage"):
        [item] = pages(client, page_type).json()["items"]
        assert "intro" in item


def test_the_listing_filters_by_a_choice_code(client):
    index = make_event_index()
    make_event(index, "Мастер-класс", wall(7), kind="master_class")
    make_event(index, "Заседание", wall(8), kind="meeting")

    items = pages(client, "EventPage", kind="master_class").json()["items"]

    assert [item["title"] for item in items] == ["Мастер-класс"]
    assert EventPage.objects.count() == 2
