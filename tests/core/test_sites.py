"""Two sites in one install: every link and listing stays within the site being served.

Site A is the default site (``localhost``); site B has a root of its own and answers to
``b.example.org``. Each has a case library, an event index and a member directory, and
the editors have linked pages across them: a case of A names a case of B as related and
as a practice, events of each site discussed cases of the other, one member works in both.
"""

import datetime
import json
import re
import zoneinfo

import feedparser
import pytest
import time_machine
from bs4 import BeautifulSoup
from wagtail.models import Page, Site

from caseclub_wagtail.models import (
    CaseStudyIndexPage,
    EventIndexPage,
    MemberDirectoryPage,
)
from tests.factories import MemberFactory, make_case, make_case_library, make_event

pytestmark = pytest.mark.django_db

VOLGOGRAD = zoneinfo.ZoneInfo("Europe/Volgograd")
HOST_A, HOST_B = "localhost", "b.example.org"
JSON_LD = re.compile(r'<script type="application/ld\+json">(?P<data>.*?)</script>', re.S)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 5, 1, 12, tzinfo=VOLGOGRAD), tick=False):
        yield


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def path(page) -> str:
    """The page's URL path within its own site."""
    return page.get_url_parts()[2]


def add_meeting(index, title, slug, *, cases=(), hosts=()):
    """Publish a meeting on 14 May 2026, 18:00 to 20:00 in Volgograd, under ``index``."""
    start = datetime.datetime(2026, 5, 14, 18)
    return make_event(index, title, start, slug=slug, cases=cases, hosts=hosts)


@pytest.fixture
def site_a(db):
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Клуб А"
    site.save()
    return site


@pytest.fixture
def site_b(db):
    root = Page.get_first_root_node().add_child(instance=Page(title="Сайт Б", slug="site-b"))
    return Site.objects.create(
        hostname=HOST_B, port=80, root_page=root, site_name="Клуб Б", is_default_site=False
    )


@pytest.fixture
def member(db):
    return MemberFactory(name="Иван Петров", public_profile=True)


@pytest.fixture
def world(site_a, site_b, member):
    """The pages of both sites, linked across them as editors may link them."""
    library_a = make_case_library()
    library_b = publish(site_b.root_page, CaseStudyIndexPage(title="Кейсы Б", slug="cases"))
    case_b = make_case(library_b, "Кейс сайта Б", team=[(member, "mentor")])
    case_a = make_case(
        library_a,
        "Кейс сайта А",
        team=[(member, "volunteer_expert")],
        related=[case_b],
        practices=[("case", case_b)],
    )
    # And B's case names A's in return.
    case_b.related_cases = [case_a]
    case_b.save_revision().publish()
    events_a = publish(site_a.root_page, EventIndexPage(title="События А", slug="events"))
    events_b = publish(site_b.root_page, EventIndexPage(title="События Б", slug="events"))
    event_a = add_meeting(
        events_a, "Заседание сайта А", "meeting", cases=[case_a, case_b], hosts=[member]
    )
    event_b = add_meeting(
        events_b, "Заседание сайта Б", "meeting", cases=[case_a, case_b], hosts=[member]
    )
    return {
        "case_a": case_a,
        "case_b": case_b,
        "event_a": event_a,
        "event_b": event_b,
        "library_b": library_b,
    }


@pytest.fixture
def directories(site_a, site_b):
    return {
        "a": publish(site_a.root_page, MemberDirectoryPage(title="Члены клуба", slug="members")),
        "b": publish(site_b.root_page, MemberDirectoryPage(title="Участники", slug="people")),
    }


def get_html(client, path, host):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, path
    return response.content.decode()


def links(text, heading_id) -> dict[str, str]:
    """The links of the section labelled by ``heading_id``: their href by their text."""
    found = BeautifulSoup(text, "html.parser").find(
        "section", attrs={"aria-labelledby": heading_id}
    )
    if found is None:
        return {}
    return {a.get_text(strip=True): a["href"] for a in found.find_all("a")}


def hosts(text) -> dict[str, str]:
    """The hosts named on an event page, with their profile link ("" when unlinked)."""
    found = BeautifulSoup(text, "html.parser").select(".caseclub-hosts li")
    return {li.get_text(strip=True): (li.a["href"] if li.a else "") for li in found}


def json_ld(text):
    (data,) = [json.loads(m["data"]) for m in JSON_LD.finditer(text)]
    return data


# Cases and events


def test_the_event_page_lists_only_the_cases_of_its_site(client, world):
    text_a = get_html(client, "/events/meeting/", HOST_A)
    text_b = get_html(client, "/events/meeting/", HOST_B)

    assert links(text_a, "caseclub-event-cases") == {"Кейс сайта А": path(world["case_a"])}
    assert links(text_b, "caseclub-event-cases") == {"Кейс сайта Б": path(world["case_b"])}
    assert "Кейс сайта Б" not in text_a
    assert "Кейс сайта А" not in text_b


def test_the_case_page_shows_only_related_cases_and_events_of_its_site(client, world):
    text_a = get_html(client, path(world["case_a"]), HOST_A)

    assert links(text_a, "caseclub-related") == {}
    assert links(text_a, "caseclub-practices") == {}
    assert list(links(text_a, "caseclub-case-events")) == ["Заседание сайта А"]
    assert "Кейс сайта Б" not in text_a and "Заседание сайта Б" not in text_a


def test_the_other_sites_case_page_shows_only_its_own_too(client, world):
    text_b = get_html(client, path(world["case_b"]), HOST_B)

    assert links(text_b, "caseclub-related") == {}
    assert list(links(text_b, "caseclub-case-events")) == ["Заседание сайта Б"]
    assert "Кейс сайта А" not in text_b and "Заседание сайта А" not in text_b


def test_a_case_of_the_same_site_is_still_related_and_linked(client, world):
    library_b = world["library_b"]
    other = make_case(library_b, "Ещё один кейс Б", related=[world["case_b"]])

    text_b = get_html(client, path(world["case_b"]), HOST_B)

    assert links(text_b, "caseclub-related") == {"Ещё один кейс Б": path(other)}


def test_the_rss_feed_of_a_site_names_its_own_host_and_cases(client, world):
    response = client.get("/cases/rss/", HTTP_HOST=HOST_B)

    feed = feedparser.parse(response.content)
    assert [entry.title for entry in feed.entries] == ["Кейс сайта Б"]
    assert feed.entries[0].link.startswith(f"http://{HOST_B}/cases/")


# Members: profile links and their cases


def test_hosts_link_to_the_directory_of_the_site_served(client, world, directories, member):
    text_a = get_html(client, "/events/meeting/", HOST_A)
    text_b = get_html(client, "/events/meeting/", HOST_B)

    assert hosts(text_a) == {"Иван Петров": f"/members/{member.registry_number}/"}
    assert hosts(text_b) == {"Иван Петров": f"/people/{member.registry_number}/"}


def test_without_a_directory_of_its_own_a_site_names_hosts_without_links(
    client, world, site_a, member
):
    # Only site A has a directory: site B's pages must not send visitors into site A.
    publish(site_a.root_page, MemberDirectoryPage(title="Члены клуба", slug="members"))

    text_b = get_html(client, "/events/meeting/", HOST_B)
    case_b = get_html(client, path(world["case_b"]), HOST_B)

    assert hosts(text_b) == {"Иван Петров": ""}
    assert links(case_b, "caseclub-team") == {}
    assert "Иван Петров" in case_b


def test_the_team_links_to_the_directory_of_the_site_served(client, world, directories, member):
    case_b = get_html(client, path(world["case_b"]), HOST_B)

    assert links(case_b, "caseclub-team") == {"Иван Петров": f"/people/{member.registry_number}/"}


def test_a_profile_lists_only_the_cases_of_its_site(client, world, directories, member):
    profile_a = get_html(client, f"/members/{member.registry_number}/", HOST_A)
    profile_b = get_html(client, f"/people/{member.registry_number}/", HOST_B)

    assert "Кейс сайта А" in profile_a and "Кейс сайта Б" not in profile_a
    assert "Кейс сайта Б" in profile_b and "Кейс сайта А" not in profile_b


# The publisher


def test_json_ld_names_the_site_served_as_organizer_and_publisher(client, world):
    event_b = json_ld(get_html(client, "/events/meeting/", HOST_B))
    case_b = json_ld(get_html(client, path(world["case_b"]), HOST_B))
    event_a = json_ld(get_html(client, "/events/meeting/", HOST_A))

    assert event_b["organizer"] == {
        "@type": "Organization",
        "name": "Клуб Б",
        "url": f"http://{HOST_B}/",
    }
    assert case_b["publisher"] == event_b["organizer"]
    assert event_a["organizer"] == {
        "@type": "Organization",
        "name": "Клуб А",
        "url": f"http://{HOST_A}/",
    }
