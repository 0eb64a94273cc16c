"""The events API as a front end reads it: the items, their filters, and only what is public."""

import datetime
import json
import re

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction, Site

from caseclub_wagtail.models import EventIndexPage, EventPage
from tests.factories import (
    ImageFactory,
    MemberFactory,
    TopicFactory,
    make_case,
    make_case_library,
    make_directory,
    make_event,
    make_event_index,
    wall,
)

pytestmark = pytest.mark.clock

API = "/api/caseclub/"
OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")


@pytest.fixture
def index(db):
    return make_event_index()


def get(client, path, **params):
    response = client.get(API + path, params)
    assert response.status_code == 200, response.content
    return response.json()


def titles(data) -> list[str]:
    return [item["title"] for item in data["items"]]


def day(days) -> datetime.date:
    return wall(days).date()


# The items


def test_an_event_item_has_every_field_the_issue_names(client, index):
    topic = TopicFactory(name="Капремонт", slug="kapremont")
    host = MemberFactory(name="Анна Соколова", organization="ТСЖ «Мир»", public_profile=True)
    directory = make_directory()
    event = make_event(
        index,
        "Заседание клуба",
        wall(5),
        summary="Повестка: тарифы",
        venue_name="Коворкинг",
        address="ул. Мира, 1",
        format="hybrid",
        online_url="https://meet.example.org/club",
        topics=[topic],
        hosts=[host],
    )

    [item] = get(client, "events/")["items"]

    assert item["id"] == event.pk
    assert item["title"] == "Заседание клуба" and item["slug"] == event.slug
    assert item["url"] == "http://testserver" + event.url
    assert item["ical_url"] == "http://testserver" + event.url + "ical/"
    assert item["kind"] == {"code": "meeting", "label": "заседание"}
    assert item["status"]["code"] == "scheduled" and item["status_note"] == ""
    assert item["format"]["code"] == "hybrid" and item["audience"]["code"] == "open"
    assert item["summary"] == "Повестка: тарифы"
    assert item["time_zone"] == "Europe/Volgograd" and item["all_day"] is False
    assert item["start"] == wall(5).isoformat() + "+03:00"
    assert OFFSET.match(item["end"])
    assert item["repeat"] is None
    assert item["next_occurrence"] == {
        "start": item["start"],
        "end": item["end"],
        "status": item["status"],
        "note": "",
    }
    assert (item["venue_name"], item["address"]) == ("Коворкинг", "ул. Мира, 1")
    assert item["online_url"] == "https://meet.example.org/club"
    assert item["topics"] == [{"slug": "kapremont", "name": "Капремонт"}]
    assert item["hosts"] == [
        {
            "registry_number": host.registry_number,
            "name": "Анна Соколова",
            "kind": {"code": "person", "label": "физическое лицо"},
            "organization": "ТСЖ «Мир»",
            "profile_url": "http://testserver"
            + directory.url
            + directory.reverse_subpage("member_profile", args=(host.registry_number,)),
            "photo": None,
        }
    ]


def test_a_series_gives_its_rule_its_words_and_its_next_date(client, index):
    event = make_event(
        index,
        "Клуб по четвергам",
        wall(-14),
        repeat="weekly",
        repeat_weekdays="TH",
        repeat_count=10,
        changes=[{"original_date": day(-14) + datetime.timedelta(days=21), "note": "Праздник"}],
    )
    next_dates = event.occurrences.filter(end__gte=timezone.now()).order_by("start")

    [item] = get(client, "events/")["items"]

    assert item["repeat"] == {
        "frequency": {"code": "weekly", "label": "еженедельно"},
        "interval": 1,
        "weekdays": ["TH"],
        "monthly_by": None,
        "until": None,
        "count": 10,
        "text": event.rule_text,
    }
    assert "четверг" in item["repeat"]["text"]
    # The first date is the event's own start; the next one is what a visitor can still attend.
    assert item["start"] == wall(-14).isoformat() + "+03:00"
    first = next_dates.first()
    assert item["next_occurrence"]["start"] == first.start.astimezone(event.zone).isoformat()


def test_an_all_day_event_has_its_days_at_midnight_in_its_zone(client, index):
    first = wall(10, 0)
    make_event(index, "Стажировка", first, first + datetime.timedelta(days=2), all_day=True)

    [item] = get(client, "events/")["items"]

    assert item["all_day"] is True
    assert item["start"] == first.isoformat() + "+03:00"
    assert item["end"] == (first + datetime.timedelta(days=2)).isoformat() + "+03:00"


def test_the_detail_gives_the_body_as_blocks_with_links_and_images_resolved(client, index):
    target = make_event(index, "Прошлое заседание", wall(-30))
    image = ImageFactory(title="Зал")
    document = get_document_model().objects.create(
        title="Презентация", file=ContentFile(b"%PDF-1.4", name="slides.pdf")
    )
    link = f'<p>См. <a linktype="page" id="{target.pk}">итоги</a>.</p>'
    event = make_event(
        index,
        "Заседание",
        wall(3),
        body=[("heading", "Повестка"), ("paragraph", link), ("image", image)],
        report=f'<p>Итоги: <a linktype="page" id="{target.pk}">там</a></p>',
        materials=[("document", document)],
    )

    data = get(client, f"events/{event.pk}/")

    types = [block["type"] for block in data["body"]]
    assert types == ["heading", "paragraph", "image"]
    assert all(block["id"] for block in data["body"])
    heading, paragraph, picture = data["body"]
    assert heading["value"] == "Повестка"
    assert f'href="{target.url}"' in paragraph["value"] and "linktype" not in paragraph["value"]
    assert picture["value"]["url"].startswith("http://testserver/")
    assert picture["value"]["width"] == 320 and picture["value"]["height"] == 240
    assert picture["value"]["alt"] == "Зал"
    assert f'href="{target.url}"' in data["report"] and "linktype" not in data["report"]
    [material] = data["materials"]
    assert material["type"] == "document"
    assert material["value"] == {
        "id": document.pk,
        "title": "Презентация",
        "url": "http://testserver" + document.url,
    }


def test_the_detail_lists_at_most_50_upcoming_dates_and_the_public_cases(client, index):
    library = make_case_library()
    public_case = make_case(library, "Протечка кровли")
    draft_case = make_case(library, "Неопубликованный кейс", live=False)
    event = make_event(
        index,
        "Ежедневный приём",
        wall(-2),
        repeat="daily",
        repeat_count=80,
        cases=[public_case, draft_case],
    )

    data = get(client, f"events/{event.pk}/")

    assert len(data["occurrences"]) == 50
    starts = [item["start"] for item in data["occurrences"]]
    assert starts == sorted(starts)
    # The first date that has not ended by now (each lasts two hours): today's, unless the
    # clock is past 20:00, when it is tomorrow's.
    now = timezone.localtime().replace(tzinfo=None)
    first = next(
        wall(day) for day in range(-2, 78) if wall(day) + datetime.timedelta(hours=2) >= now
    )
    assert starts[0] == first.isoformat() + "+03:00"
    assert data["next_occurrence"]["start"] == starts[0]
    assert data["related_cases"] == [
        {
            "id": public_case.pk,
            "title": "Протечка кровли",
            "url": "http://testserver" + public_case.url,
            "summary": public_case.summary,
        }
    ]


def test_occurrences_are_the_stored_dates_with_their_event(client, index):
    moved_from = day(7)
    event = make_event(
        index,
        "Еженедельная встреча",
        wall(0, 19),
        repeat="weekly",
        repeat_count=3,
        changes=[
            {
                "original_date": moved_from,
                "action": "move",
                "new_date": moved_from + datetime.timedelta(days=1),
                "note": "Перенос",
            }
        ],
    )

    data = get(client, "occurrences/")

    assert data["count"] == 3
    moved = data["items"][1]
    assert moved["is_moved"] is True and moved["note"] == "Перенос"
    assert moved["start"] == wall(8, 19).isoformat() + "+03:00"
    assert moved["original_start"] == wall(7, 19).isoformat() + "+03:00"
    assert moved["event"] == {
        "id": event.pk,
        "title": "Еженедельная встреча",
        "url": "http://testserver" + event.url,
        "kind": {"code": "meeting", "label": "заседание"},
        "status": {"code": "scheduled", "label": "по плану"},
    }
    assert [item["is_moved"] for item in data["items"]] == [False, True, False]


def test_an_occurrence_keeps_its_identity_when_the_dates_are_rebuilt(client, index):
    event = make_event(index, "Серия", wall(1), repeat="weekly", repeat_count=4)
    before = [
        (item["event"]["id"], item["original_start"])
        for item in get(client, "occurrences/")["items"]
    ]

    event.occurrences.all().delete()
    EventPage.objects.get(pk=event.pk).save()  # the save rebuilds the stored dates

    after = [
        (item["event"]["id"], item["original_start"])
        for item in get(client, "occurrences/")["items"]
    ]
    assert after == before and len(after) == 4


# The filters


@pytest.fixture
def programme(index):
    """Four events of different kinds, formats, audiences, topics and dates."""
    roofs = TopicFactory(name="Кровля", slug="roofs")
    tariffs = TopicFactory(name="Тарифы", slug="tariffs")
    return {
        "meeting": make_event(
            index, "Заседание о тарифах", wall(2), topics=[tariffs], summary="Рост платы"
        ),
        "class": make_event(
            index,
            "Мастер-класс: Ёлка во дворе",
            wall(4),
            kind="master_class",
            format="online",
            topics=[roofs],
        ),
        "closed": make_event(
            index,
            "Закрытая встреча",
            wall(6),
            audience="members_only",
            status="cancelled",
            summary="О кровле и подвалах",
        ),
        "past": make_event(index, "Прошедшая стажировка", wall(-10), kind="internship"),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {},
            [
                "Прошедшая стажировка",
                "Заседание о тарифах",
                "Мастер-класс: Ёлка во дворе",
                "Закрытая встреча",
            ],
        ),
        ({"kind": "master_class"}, ["Мастер-класс: Ёлка во дворе"]),
        ({"topic": "tariffs"}, ["Заседание о тарифах"]),
        ({"status": "cancelled"}, ["Закрытая встреча"]),
        ({"format": "online"}, ["Мастер-класс: Ёлка во дворе"]),
        ({"audience": "members_only"}, ["Закрытая встреча"]),
        ({"upcoming": "false"}, ["Прошедшая стажировка"]),
        ({"upcoming": "true", "kind": "meeting"}, ["Заседание о тарифах", "Закрытая встреча"]),
        ({"search": "ЕЛКА"}, ["Мастер-класс: Ёлка во дворе"]),
        ({"search": "кровля"}, ["Закрытая встреча"]),  # in the summary, in another form
        ({"search": "тарифы рост"}, ["Заседание о тарифах"]),
        ({"order": "-start", "limit": 2}, ["Закрытая встреча", "Мастер-класс: Ёлка во дворе"]),
        ({"order": "title", "offset": 2}, ["Мастер-класс: Ёлка во дворе", "Прошедшая стажировка"]),
    ],
)
def test_events_are_filtered_and_ordered(client, programme, params, expected):
    data = get(client, "events/", **params)

    assert titles(data) == expected
    if "limit" not in params and "offset" not in params:
        assert data["count"] == len(expected)


def test_count_is_the_whole_list_whatever_the_page(client, programme):
    data = get(client, "events/", limit=1, offset=1)

    assert data["count"] == 4 and titles(data) == ["Заседание о тарифах"]


def test_a_date_filter_means_that_whole_day_in_the_sites_zone(client, index):
    # 00:30 in Volgograd is still the day before in UTC.
    make_event(index, "Раннее заседание", wall(3, 0, 30))
    target = day(3)

    def found(**params):
        return titles(get(client, "events/", **params)) == ["Раннее заседание"]

    assert found(starts_after=target.isoformat())
    assert found(starts_before=target.isoformat())  # that day included
    assert found(starts_after=target.isoformat(), starts_before=target.isoformat())
    assert not found(starts_after=(target + datetime.timedelta(days=1)).isoformat())
    assert not found(starts_before=(target - datetime.timedelta(days=1)).isoformat())
    # An instant with an offset is that instant; without one, the site's wall time.
    assert found(starts_after=f"{target}T00:30:00+03:00")
    assert not found(starts_after=f"{target}T00:00:00Z")  # 03:00 in Volgograd
    assert found(starts_before=f"{target}T00:31")
    assert not found(starts_before=f"{target}T00:30")


def test_a_series_is_listed_once_when_one_of_its_dates_is_in_the_range(client, index):
    make_event(index, "Еженедельно", wall(1), repeat="weekly", repeat_count=6)
    make_event(index, "Однажды", wall(40))

    data = get(
        client, "events/", starts_after=day(20).isoformat(), starts_before=day(30).isoformat()
    )

    assert titles(data) == ["Еженедельно"] and data["count"] == 1


def test_occurrences_take_the_same_filters_and_the_event(client, programme, index):
    series = make_event(
        index,
        "Серия",
        wall(1),
        repeat="daily",
        repeat_count=5,
        changes=[{"original_date": day(3), "note": "Выходной"}],
    )

    def listed(**params):
        return [
            (item["event"]["title"], item["start"][:10])
            for item in get(client, "occurrences/", **params)["items"]
        ]

    assert listed(event=series.pk, status="cancelled") == [("Серия", day(3).isoformat())]
    assert len(listed(event=series.pk, upcoming="true")) == 5
    assert listed(kind="internship") == [("Прошедшая стажировка", day(-10).isoformat())]
    assert listed(upcoming="false") == [("Прошедшая стажировка", day(-10).isoformat())]
    assert listed(search="елка") == [("Мастер-класс: Ёлка во дворе", day(4).isoformat())]
    assert listed(event=series.pk, starts_after=day(4).isoformat()) == [
        ("Серия", day(4).isoformat()),
        ("Серия", day(5).isoformat()),
    ]
    assert [row[0] for row in listed(order="title", starts_after=day(5).isoformat())] == [
        "Закрытая встреча",
        "Серия",
    ]
    by_latest = listed(order="-start", limit=2)
    assert by_latest == [("Закрытая встреча", day(6).isoformat()), ("Серия", day(5).isoformat())]


# Only what a visitor may see


def all_answers(client, events) -> str:
    """Every answer of the events API about ``events``, as one text."""
    paths = ["events/", "occurrences/", "events/?limit=100", "occurrences/?limit=100"]
    paths += [f"events/{event.pk}/" for event in events]
    return "\n".join(client.get(API + path).content.decode() for path in paths)


def test_drafts_unpublished_and_restricted_events_never_appear(client, index):
    public = make_event(index, "Открытое заседание", wall(2))
    draft = public.get_latest_revision_as_object()
    draft.title = "Черновик названия"
    draft.summary = "Черновик описания"
    draft.save_revision()
    unpublished = make_event(index, "Неопубликованное", wall(3), live=False)
    restricted = make_event(index, "С паролем", wall(4))
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="x")
    private_index = make_event_index(slug="private", title="Закрытые")
    under_private = make_event(private_index, "Под закрытым разделом", wall(5))
    PageViewRestriction.objects.create(page=private_index, restriction_type="login", password="")

    assert titles(get(client, "events/")) == ["Открытое заседание"]
    assert {item["event"]["title"] for item in get(client, "occurrences/")["items"]} == {
        "Открытое заседание"
    }
    for event in (unpublished, restricted, under_private):
        response = client.get(f"{API}events/{event.pk}/")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        assert client.get(API + "occurrences/", {"event": event.pk}).json()["count"] == 0
    text = all_answers(client, [public, unpublished, restricted, under_private])
    for secret in ("Черновик", "Неопубликованное", "С паролем", "Под закрытым разделом"):
        assert secret not in text


def test_a_members_only_event_never_gives_its_link(client, index):
    secret = "https://meet.example.org/members-secret"
    event = make_event(
        index,
        "Для членов клуба",
        wall(2),
        audience="members_only",
        format="online",
        online_url=secret,
    )

    [item] = get(client, "events/")["items"]
    assert item["online_url"] == ""
    assert get(client, f"events/{event.pk}/")["online_url"] == ""
    assert "members-secret" not in all_answers(client, [event])


def test_only_public_hosts_are_named_and_never_their_contacts(client, index):
    photo = ImageFactory()
    shown = MemberFactory(name="Публичный Ведущий", public_profile=True, photo=photo)
    hidden = MemberFactory(name="Скрытый Ведущий", public_profile=False)
    ended = MemberFactory(
        name="Бывший Ведущий",
        public_profile=True,
        status="terminated",
        terminated_on=datetime.date(2026, 1, 10),
        termination_ground="voluntary",
    )
    event = make_event(index, "Заседание", wall(2), hosts=[shown, hidden, ended])

    [item] = get(client, "events/")["items"]

    assert [host["name"] for host in item["hosts"]] == ["Публичный Ведущий"]
    assert item["hosts"][0]["photo"]["url"].startswith("http://testserver/")
    assert item["hosts"][0]["profile_url"] is None  # the site has no member directory
    text = all_answers(client, [event])
    assert "Скрытый" not in text and "Бывший" not in text
    for member in (shown, hidden, ended):
        assert member.email not in text and member.phone not in text
    assert not re.search(r'"(email|phone)"', text)


def test_an_event_of_another_site_is_not_shown(client, index):
    root = Page.get_first_root_node().add_child(instance=Page(title="Сайт Б", slug="site-b"))
    Site.objects.create(hostname="b.example.org", port=80, root_page=root, site_name="Б")
    other_index = EventIndexPage(title="События Б", slug="events")
    root.add_child(instance=other_index)
    other_index.save_revision().publish()
    other = make_event(other_index, "Заседание сайта Б", wall(2))
    make_event(index, "Заседание сайта А", wall(3))

    assert titles(get(client, "events/")) == ["Заседание сайта А"]
    assert client.get(f"{API}events/{other.pk}/").status_code == 404
    response = client.get(API + "events/", HTTP_HOST="b.example.org")
    assert [item["title"] for item in response.json()["items"]] == ["Заседание сайта Б"]
    assert response.json()["items"][0]["url"] == "http://b.example.org" + other.url.removeprefix(
        "http://b.example.org"
    )


def test_the_openapi_description_names_no_contact_field(client):
    description = client.get(API + "openapi.json").json()
    # The one schema with contact fields is the registration's body: read, never answered.
    form = description["components"]["schemas"].pop("RegistrationIn")
    assert {"email", "phone"} <= set(form["properties"])
    answers = [op["responses"] for path in description["paths"].values() for op in path.values()]
    assert "RegistrationIn" not in json.dumps(answers)
    # The public forms' bodies (proposals/ and the like) are described inline: read too.
    for path in description["paths"].values():
        for operation in path.values():
            operation.pop("requestBody", None)

    text = json.dumps(description)
    assert '"email"' not in text and '"phone"' not in text
    assert "/api/caseclub/events/" in description["paths"]
    assert "/api/caseclub/occurrences/" in description["paths"]
