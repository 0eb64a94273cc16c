"""An event's calendar identity: one UID for its whole life, and its own for an alias or a copy.

A calendar app that subscribed to the feed matches entries by UID: a UID that changes
shows the subscriber every event twice, and two pages with one UID show one of them
never. Feeds are read back with ``vobject``.
"""

import datetime
import zoneinfo

import pytest
import time_machine
import vobject
from django.urls import reverse
from wagtail.models import Locale, Site

from caseclub_wagtail.models import EventOccurrence, EventPage
from tests.factories import make_event, make_event_index

pytestmark = pytest.mark.django_db

VOLGOGRAD = zoneinfo.ZoneInfo("Europe/Volgograd")
# Before every date the tests publish, so each of them is upcoming.
NOW = datetime.datetime(2026, 5, 1, 12, tzinfo=VOLGOGRAD)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def add_meeting(index, slug="meeting", title="Заседание клуба", **fields) -> EventPage:
    """Publish the club's meeting of 14 May 2026, 18:00 to 20:00 in Volgograd."""
    return make_event(index, title, datetime.datetime(2026, 5, 14, 18), slug=slug, **fields)


def reload(page) -> EventPage:
    return EventPage.objects.get(pk=page.pk)


def feed(client, page, **headers) -> dict[str, list]:
    """The VEVENTs of the page's iCalendar file, by summary."""
    response = client.get(page.url + "ical/", **headers)
    assert response.status_code == 200
    calendar = vobject.readOne(response.content.decode("utf-8"))
    entries = {}
    for vevent in getattr(calendar, "vevent_list", []):
        entries.setdefault(vevent.summary.value, []).append(vevent)
    return entries


def uids(client, page, **headers) -> dict[str, str]:
    """The UID of each event in the page's file, by summary."""
    return {title: found[0].uid.value for title, found in feed(client, page, **headers).items()}


@pytest.fixture
def index(db):
    return make_event_index()


@pytest.fixture
def archive(db):
    return make_event_index(slug="archive", title="Архив")


# The life of one event


def test_the_uid_is_the_events_own_uuid_at_a_constant_domain(client, index):
    event = add_meeting(index)

    assert uids(client, index) == {"Заседание клуба": f"{event.uid}@caseclub-wagtail"}


def test_the_uid_survives_a_new_hostname_slug_move_and_republication(client, index, archive):
    event = add_meeting(index)
    first = uids(client, index)["Заседание клуба"]
    seen = []

    # The site moves from localhost to its real domain, as every new site does.
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "club.example.org", 443
    site.save()
    seen.append(uids(client, index, HTTP_HOST="club.example.org")["Заседание клуба"])

    event = reload(event)
    event.slug = "renamed"
    event.save_revision().publish()
    seen.append(uids(client, index)["Заседание клуба"])

    reload(event).move(archive, pos="last-child")
    seen.append(uids(client, archive)["Заседание клуба"])

    event = reload(event)
    event.title = "Заседание клуба (перенесено)"
    event.start += datetime.timedelta(days=1)
    event.end += datetime.timedelta(days=1)
    event.save_revision().publish()
    seen.append(uids(client, archive)["Заседание клуба (перенесено)"])

    reload(event).get_latest_revision_as_object().save_revision().publish()
    seen.append(uids(client, archive)["Заседание клуба (перенесено)"])

    assert seen == [first] * 5
    assert reload(event).url == "/archive/renamed/"


# Aliases and copies


def test_an_alias_gets_its_own_uid_and_both_are_in_the_feed(client, index):
    event = add_meeting(index)

    alias = event.create_alias(update_slug="meeting-alias")

    alias = reload(alias)
    assert alias.alias_of_id == event.pk
    assert alias.uid != event.uid
    (original_entry, alias_entry) = feed(client, index)["Заседание клуба"]
    assert {original_entry.uid.value, alias_entry.uid.value} == {
        f"{event.uid}@caseclub-wagtail",
        f"{alias.uid}@caseclub-wagtail",
    }
    assert alias_entry.dtstart.value == original_entry.dtstart.value


def test_an_alias_made_in_the_admin_gets_its_own_uid(admin_client, index, archive):
    event = add_meeting(index)

    response = admin_client.post(
        reverse("wagtailadmin_pages:copy", args=[event.pk]),
        {
            "new_title": event.title,
            "new_slug": "meeting",
            "new_parent_page": archive.pk,
            "alias": "on",
        },
    )

    assert response.status_code == 302
    alias = EventPage.objects.get(alias_of=event)
    assert alias.get_parent().pk == archive.pk
    assert alias.uid != event.uid
    assert uids(admin_client, archive) == {"Заседание клуба": f"{alias.uid}@caseclub-wagtail"}


def test_an_alias_in_a_translation_tree_gets_its_own_uid(client, index, archive):
    """Synced translation trees are aliases in another locale, with the same translation key."""
    event = add_meeting(index)
    english = Locale.objects.create(language_code="en")

    alias = event.create_alias(parent=archive, update_locale=english, reset_translation_key=False)

    alias = reload(alias)
    assert alias.translation_key == event.translation_key
    assert alias.uid != event.uid


def test_an_alias_is_listed_in_its_index_at_the_originals_dates(client, index, archive):
    event = add_meeting(index)

    alias = event.create_alias(parent=archive)

    response = client.get(archive.url)
    assert response.status_code == 200
    assert "Заседание клуба" in response.content.decode()
    (stored,) = EventOccurrence.objects.filter(event=alias)
    assert stored.start == event.start


def test_republishing_the_original_keeps_the_aliass_uid_and_updates_it(client, index, archive):
    event = add_meeting(index)
    alias = reload(event.create_alias(parent=archive))
    (before,) = feed(client, archive)["Заседание клуба"]

    event = reload(event)
    event.start += datetime.timedelta(hours=1)
    event.end += datetime.timedelta(hours=1)
    event.save_revision().publish()

    assert reload(alias).uid == alias.uid
    assert reload(event).uid == event.uid
    (after,) = feed(client, archive)["Заседание клуба"]
    assert after.uid.value == before.uid.value == f"{alias.uid}@caseclub-wagtail"
    assert after.dtstart.value == datetime.datetime(2026, 5, 14, 19, tzinfo=VOLGOGRAD)
    # Calendar apps take the new time only with a higher SEQUENCE.
    assert int(after.sequence.value) > int(before.sequence.value)
    (original,) = feed(client, index)["Заседание клуба"]
    assert original.uid.value == f"{event.uid}@caseclub-wagtail"


def test_a_copy_gets_its_own_uid_and_sequence(client, index, archive):
    event = add_meeting(index)
    event = reload(event)
    event.start += datetime.timedelta(hours=1)
    event.end += datetime.timedelta(hours=1)
    event.save_revision().publish()
    assert reload(event).sequence == 1

    copy = event.copy(to=archive, update_attrs={"slug": "meeting"}, keep_live=True)

    copy = reload(copy)
    assert copy.uid != event.uid
    assert copy.sequence == 0
    (entry,) = feed(client, archive)["Заседание клуба"]
    assert entry.uid.value == f"{copy.uid}@caseclub-wagtail"
    assert uids(client, index) == {"Заседание клуба": f"{event.uid}@caseclub-wagtail"}
