"""The topics API: every topic, and how many public events, cases and members it tags."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from caseclub_wagtail.models import Member
from tests.factories import (
    MemberFactory,
    TopicFactory,
    make_case,
    make_case_library,
    make_event,
    make_event_index,
)
from tests.support.api_reading import API, count_api_queries, get_json, get_problem

START = datetime.datetime(2026, 5, 14, 18)


@pytest.fixture
def topics(db):
    return {
        "repair": TopicFactory(
            name="Капитальный ремонт", slug="kapremont", description="Фонд капремонта"
        ),
        "tariffs": TopicFactory(name="Тарифы и начисления", slug="tarify"),
        "empty": TopicFactory(name="Благоустройство", slug="blagoustroystvo"),
    }


@pytest.fixture
def tagged(topics):
    """Public and hidden events, cases and members tagged with the topics."""
    repair, tariffs = topics["repair"], topics["tariffs"]
    index = make_event_index()
    make_event(index, "Заседание", START, topics=[repair, tariffs])
    make_event(index, "Вебинар", START, topics=[repair])
    make_event(index, "Черновик события", START, topics=[repair, tariffs], live=False)
    library = make_case_library()
    make_case(library, "Кровля", topics=[repair])
    make_case(library, "Черновик кейса", topics=[repair, tariffs], live=False)
    restricted = make_case(library, "Закрытый кейс", topics=[tariffs])
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="x")
    MemberFactory(public_profile=True, expertise=[repair, tariffs])
    MemberFactory(public_profile=True, expertise=[tariffs])
    MemberFactory(public_profile=False, expertise=[repair])
    MemberFactory(
        public_profile=True,
        expertise=[repair],
        status="terminated",
        terminated_on=datetime.date(2026, 1, 15),
        termination_ground="voluntary",
    )
    return topics


@pytest.mark.clock
def test_each_topic_counts_only_what_a_visitor_may_see(client, tagged):
    data = get_json(client, "topics/")

    assert data == {
        "count": 3,
        "items": [
            {
                "slug": "blagoustroystvo",
                "name": "Благоустройство",
                "description": "",
                "events_count": 0,
                "cases_count": 0,
                "members_count": 0,
            },
            {
                "slug": "kapremont",
                "name": "Капитальный ремонт",
                "description": "Фонд капремонта",
                "events_count": 2,
                "cases_count": 1,
                "members_count": 1,
            },
            {
                "slug": "tarify",
                "name": "Тарифы и начисления",
                "description": "",
                "events_count": 1,
                "cases_count": 0,
                "members_count": 2,
            },
        ],
    }


@pytest.mark.clock
def test_the_counts_match_the_filtered_lists(client, tagged):
    for item in get_json(client, "topics/")["items"]:
        slug = item["slug"]
        assert get_json(client, "cases/", {"topic": slug})["count"] == item["cases_count"]
        assert get_json(client, "members/", {"topic": slug})["count"] == item["members_count"]


def test_limit_and_offset_page_the_topics(client, topics):
    data = get_json(client, "topics/", {"limit": 1, "offset": 1})

    assert data["count"] == 3
    assert [item["slug"] for item in data["items"]] == ["kapremont"]
    assert get_problem(client, "topics/", {"limit": "101"})["parameter"] == "limit"
    assert get_problem(client, "topics/", {"offset": "x"})["parameter"] == "offset"


def test_an_unchanged_list_is_not_sent_again(client, topics):
    first = client.get(API + "topics/")

    again = client.get(API + "topics/", headers={"if-none-match": first["ETag"]})

    assert again.status_code == 304
    assert first["Cache-Control"] == "public, max-age=60"


def add_tagged(numbers, topics):
    """New topics in ``topics``, each the expertise of every member."""
    for n in numbers:
        topic = TopicFactory(name=f"Тема {n:04d}", slug=f"t{n}")
        topics.append(topic)
    Member.expertise.through.objects.bulk_create(
        Member.expertise.through(member_id=member.pk, topic_id=topic.pk)
        for topic in topics[-len(numbers) :]
        for member in Member.objects.all()
    )


@pytest.mark.clock
def test_queries_do_not_grow_with_the_topics(client, db):
    library = make_case_library()
    index = make_event_index()
    MemberFactory.create_batch(3, public_profile=True)
    topics = []
    add_tagged(range(10), topics)
    make_case(library, "Кейс", topics=topics)
    make_event(index, "Событие", START, topics=topics)
    small = [count_api_queries(client, "topics/", params) for params in ({}, {"limit": 100})]
    add_tagged(range(10, 500), topics)
    make_case(library, "Кейс 2", topics=topics)
    make_event(index, "Событие 2", START, topics=topics)
    large = [count_api_queries(client, "topics/", params) for params in ({}, {"limit": 100})]

    assert large[1][1]["count"] == 500
    assert len(large[1][1]["items"]) == 100
    assert large[1][1]["items"][-1]["members_count"] == 3
    assert large[1][1]["items"][-1]["cases_count"] >= 1
    assert [count for count, _ in large] == [count for count, _ in small]
