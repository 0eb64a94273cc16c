"""Events as an editor makes them in the Wagtail admin, with real form posts."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from django.utils.formats import date_format
from wagtail.models import Page, Revision, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail.users.models import UserProfile

from caseclub_wagtail.models import EventIndexPage, EventOccurrence, EventPage
from example_site.home.models import HomePage
from tests.factories import change, event_form_data
from tests.support.event_admin import add_url, edit_url, field_errors, inline_errors
from tests.support.translation import in_russian

BERLIN = ZoneInfo("Europe/Berlin")
UTC = datetime.UTC

END_BEFORE_START = "The event cannot end before it starts."
UNKNOWN_ZONE = "“%(zone)s” is not a known time zone. Use an IANA name such as Europe/Volgograd."
WEEKDAY_NOT_TICKED = (
    "The event starts on a %(weekday)s, which is not ticked. Tick it too, or move the start "
    "to one of the ticked weekdays."
)
TOO_MANY = "This repetition gives more than %(limit)s dates. Set an end date or a number of times."
NOT_IN_SERIES = "%(date)s is not a date of this event's series."
UNTIL_AND_COUNT = "Give either an end date or a number of times, not both."
UNTIL_BEFORE_START = "The repetition cannot end before the event starts."


@pytest.fixture
def home(db):
    return Site.objects.get(is_default_site=True).root_page


@pytest.fixture
def index(home):
    page = EventIndexPage(title="События", slug="events")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def created_event() -> EventPage:
    return EventPage.objects.get(slug="zasedanie")


def local_starts(event) -> list[str]:
    zone = ZoneInfo(event.time_zone)
    return [
        o.start.astimezone(zone).isoformat(timespec="minutes")
        for o in EventOccurrence.objects.filter(event_id=event.pk).order_by("start")
    ]


def use_admin_time_zone(django_user_model, zone):
    """Set the time zone the editor chose in their admin account."""
    profile = UserProfile.get_for_user(django_user_model.objects.get(username="editor"))
    profile.current_time_zone = zone
    profile.save()


# Creating


def test_editor_creates_a_repeating_event_and_its_dates_are_stored(admin_client, index):
    response = admin_client.post(
        add_url(index),
        event_form_data(
            repeat="weekly",
            weekdays=["TU", "TH"],
            repeat_count="6",
            changes=[
                change("2026-03-10", "cancel", note="праздник"),
                change(
                    "2026-03-19",
                    "move",
                    new_date="2026-03-20",
                    new_start_time="17:00",
                    new_end_time="19:30",
                    note="зал занят",
                ),
            ],
        ),
    )

    assert response.status_code == 302
    event = created_event()
    assert event.live
    assert event.repeat_weekdays == "TU,TH"
    occurrences = list(EventOccurrence.objects.filter(event=event).order_by("original_start"))
    assert [
        (
            o.original_start.astimezone(BERLIN).isoformat(timespec="minutes"),
            o.start.astimezone(BERLIN).isoformat(timespec="minutes"),
            o.status,
            o.note,
        )
        for o in occurrences
    ] == [
        ("2026-03-05T18:00+01:00", "2026-03-05T18:00+01:00", "scheduled", ""),
        ("2026-03-10T18:00+01:00", "2026-03-10T18:00+01:00", "cancelled", "праздник"),
        ("2026-03-12T18:00+01:00", "2026-03-12T18:00+01:00", "scheduled", ""),
        ("2026-03-17T18:00+01:00", "2026-03-17T18:00+01:00", "scheduled", ""),
        ("2026-03-19T18:00+01:00", "2026-03-20T17:00+01:00", "rescheduled", "зал занят"),
        ("2026-03-24T18:00+01:00", "2026-03-24T18:00+01:00", "scheduled", ""),
    ]
    assert occurrences[4].end.astimezone(BERLIN).time() == datetime.time(19, 30)


def test_a_saved_draft_has_no_occurrences_until_published(admin_client, index):
    admin_client.post(
        add_url(index), event_form_data(repeat="weekly", repeat_count="3", publish=False)
    )

    event = created_event()
    assert not event.live
    assert local_starts(event) == []

    response = admin_client.post(
        edit_url(event), event_form_data(repeat="weekly", repeat_count="3")
    )

    assert response.status_code == 302
    assert local_starts(event) == [
        "2026-03-05T18:00+01:00",
        "2026-03-12T18:00+01:00",
        "2026-03-19T18:00+01:00",
    ]


@pytest.mark.parametrize("server_zone", ["Europe/Volgograd", "UTC", "Asia/Vladivostok"])
def test_times_are_typed_in_the_events_zone_whatever_the_servers(
    admin_client, index, settings, server_zone
):
    settings.TIME_ZONE = server_zone

    admin_client.post(add_url(index), event_form_data())

    event = created_event()
    assert event.start == datetime.datetime(2026, 3, 5, 17, tzinfo=UTC)
    assert event.end == datetime.datetime(2026, 3, 5, 19, tzinfo=UTC)
    assert event.time_zone == "Europe/Berlin"


def test_times_are_typed_in_the_events_zone_whatever_the_editors(
    admin_client, index, django_user_model
):
    use_admin_time_zone(django_user_model, "Asia/Tokyo")

    admin_client.post(add_url(index), event_form_data())

    assert created_event().start == datetime.datetime(2026, 3, 5, 17, tzinfo=UTC)


def test_summer_times_are_typed_in_the_events_zone(admin_client, index):
    admin_client.post(
        add_url(index), event_form_data(start="2026-07-02 18:00", end="2026-07-02 20:00")
    )

    assert created_event().start == datetime.datetime(2026, 7, 2, 16, tzinfo=UTC)


@pytest.mark.parametrize(
    ("typed", "utc"),
    [
        pytest.param(
            "2026-03-29 02:30", "2026-03-28T23:30+00:00", id="skipped-in-the-servers-zone"
        ),
        pytest.param(
            "2026-10-25 02:30", "2026-10-24T23:30+00:00", id="doubled-in-the-servers-zone"
        ),
    ],
)
def test_a_time_the_server_zone_skips_or_doubles_is_still_a_valid_time_of_the_event(
    admin_client, index, settings, typed, utc
):
    # Volgograd keeps its clocks; the server's Berlin changes them that night.
    settings.TIME_ZONE = "Europe/Berlin"
    day = typed.split()[0]

    response = admin_client.post(
        add_url(index),
        event_form_data(start=typed, end=f"{day} 04:00", time_zone="Europe/Volgograd"),
    )

    assert response.status_code == 302, response.context["form"].errors
    assert created_event().start.astimezone(UTC).isoformat(timespec="minutes") == utc


@pytest.mark.parametrize("server_zone", ["Europe/Volgograd", "America/New_York"])
def test_the_edit_form_shows_the_time_as_typed(admin_client, index, settings, server_zone):
    admin_client.post(add_url(index), event_form_data())
    settings.TIME_ZONE = server_zone

    response = admin_client.get(edit_url(created_event()))

    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("input", attrs={"name": "start"})["value"] == "2026-03-05 18:00"
    assert soup.find("input", attrs={"name": "end"})["value"] == "2026-03-05 20:00"
    assert soup.find("input", attrs={"name": "time_zone"})["value"] == "Europe/Berlin"


def test_saving_the_edit_form_unchanged_keeps_the_time(admin_client, index, settings):
    admin_client.post(add_url(index), event_form_data())
    settings.TIME_ZONE = "America/New_York"

    response = admin_client.post(edit_url(created_event()), event_form_data())

    assert response.status_code == 302
    assert created_event().start == datetime.datetime(2026, 3, 5, 17, tzinfo=UTC)
    assert local_starts(created_event()) == ["2026-03-05T18:00+01:00"]


@pytest.mark.parametrize("change_zone", ["server", "editor"])
def test_the_sequence_stays_when_the_time_stays_whoever_publishes(
    admin_client, index, settings, django_user_model, change_zone
):
    # Another editor, or a server moved to another zone, publishes a new title only.
    admin_client.post(add_url(index), event_form_data())
    if change_zone == "server":
        settings.TIME_ZONE = "America/New_York"
    else:
        use_admin_time_zone(django_user_model, "Asia/Tokyo")

    admin_client.post(edit_url(created_event()), event_form_data(title="Заседание (уточнено)"))

    event = created_event()
    assert event.title == "Заседание (уточнено)"
    assert event.sequence == 0


def test_changing_the_time_in_the_editor_raises_the_sequence(admin_client, index):
    admin_client.post(add_url(index), event_form_data())
    event = created_event()

    admin_client.post(edit_url(event), event_form_data(start="2026-03-05 19:00"))

    event = created_event()
    assert event.start == datetime.datetime(2026, 3, 5, 18, tzinfo=UTC)
    assert event.sequence == 1


def test_an_all_day_event_starts_and_ends_at_local_midnight(admin_client, index):
    admin_client.post(
        add_url(index),
        event_form_data(
            kind="internship",
            all_day="on",
            start="2026-07-06 09:30",
            end="2026-07-10 17:00",
            time_zone="Europe/Volgograd",
        ),
    )

    event = created_event()
    assert event.local_start.isoformat() == "2026-07-06T00:00:00+03:00"
    assert event.local_end.isoformat() == "2026-07-10T00:00:00+03:00"


# Bad input: a translated error on the field, and nothing saved


def shown_in_russian(response, error: str) -> bool:
    """The editor reads ``error``, a message of the form itself, in Russian on the page."""
    page_text = BeautifulSoup(response.content, "html.parser").get_text()
    return re.search("[а-яё]", error, re.IGNORECASE) is not None and error in page_text


BAD_INPUT = [
    pytest.param(
        {"start": "2026-03-05 18:00", "end": "2026-03-05 17:59"},
        "end",
        in_russian(END_BEFORE_START),
        id="end-before-start",
    ),
    pytest.param(
        {"time_zone": "Mars/Olympus"},
        "time_zone",
        in_russian(UNKNOWN_ZONE, zone="Mars/Olympus"),
        id="unknown-time-zone",
    ),
    pytest.param(
        # 5 March 2026 is a Thursday; the first Monday after it is 9 March.
        {"repeat": "weekly", "weekdays": ["MO"], "repeat_until": "2026-03-08"},
        "repeat_weekdays",
        in_russian(WEEKDAY_NOT_TICKED, weekday=in_russian("Thursday")),
        id="rule-without-a-date",
    ),
    pytest.param(
        {"repeat": "daily"},
        "repeat",
        in_russian(TOO_MANY, limit=20),
        id="rule-with-too-many-dates",
    ),
    pytest.param(
        {"repeat": "daily", "repeat_count": "21"},
        "repeat",
        in_russian(TOO_MANY, limit=20),
        id="count-over-the-limit",
    ),
    pytest.param(
        {"repeat": "weekly", "repeat_until": "2026-04-30", "repeat_count": "4"},
        "repeat_count",
        in_russian(UNTIL_AND_COUNT),
        id="until-and-count",
    ),
    pytest.param(
        {"repeat": "weekly", "repeat_until": "2026-03-04"},
        "repeat_until",
        in_russian(UNTIL_BEFORE_START),
        id="until-before-start",
    ),
]


@pytest.fixture
def small_limit(settings):
    settings.CASECLUB_WAGTAIL = {"EVENT_MAX_OCCURRENCES": 20}


@pytest.mark.parametrize(("fields", "field", "message"), BAD_INPUT)
def test_bad_input_on_a_new_event_is_an_error_on_its_field_and_nothing_is_saved(
    admin_client, index, small_limit, fields, field, message
):
    revisions = Revision.objects.count()

    response = admin_client.post(add_url(index), event_form_data(**fields))

    assert field_errors(response, field) == [message]
    assert shown_in_russian(response, field_errors(response, field)[0])
    assert not EventPage.objects.exists()
    assert Revision.objects.count() == revisions
    assert not EventOccurrence.objects.exists()


@pytest.mark.parametrize(("fields", "field", "message"), BAD_INPUT)
def test_bad_input_on_an_edit_is_an_error_on_its_field_and_nothing_is_saved(
    admin_client, index, small_limit, fields, field, message
):
    admin_client.post(add_url(index), event_form_data(repeat="weekly", repeat_count="3"))
    event = created_event()
    revisions = Revision.objects.filter(object_id=str(event.pk)).count()
    before = local_starts(event)

    response = admin_client.post(edit_url(event), event_form_data(**fields))

    assert field_errors(response, field) == [message]
    assert shown_in_russian(response, field_errors(response, field)[0])
    assert Revision.objects.filter(object_id=str(event.pk)).count() == revisions
    assert created_event().start == datetime.datetime(2026, 3, 5, 17, tzinfo=UTC)
    assert local_starts(event) == before


# dateutil deprecates COUNT with UNTIL and will raise on it: the editor must get the field
# error, never a server error.
@pytest.mark.filterwarnings("error:Using both 'count' and 'until':DeprecationWarning")
def test_an_end_date_with_a_count_is_refused_before_the_rule_is_expanded(admin_client, index):
    response = admin_client.post(
        add_url(index),
        event_form_data(repeat="weekly", repeat_until="2026-04-30", repeat_count="4"),
    )

    assert field_errors(response, "repeat_count") == [in_russian(UNTIL_AND_COUNT)]


def test_exactly_the_limit_of_dates_is_accepted(admin_client, index, small_limit):
    response = admin_client.post(
        add_url(index), event_form_data(repeat="daily", repeat_count="20")
    )

    assert response.status_code == 302
    assert EventOccurrence.objects.count() == 20


def not_in_series(day: datetime.date) -> str:
    with translation.override("ru"):
        shown = date_format(day, "SHORT_DATE_FORMAT")
    return in_russian(NOT_IN_SERIES, date=shown)


@pytest.mark.parametrize("action", ["cancel", "move"])
def test_a_changed_date_outside_the_series_is_an_error_on_that_date(admin_client, index, action):
    moved = {"new_date": "2026-03-21"} if action == "move" else {}

    response = admin_client.post(
        add_url(index),
        event_form_data(
            repeat="weekly",
            repeat_count="4",
            changes=[change("2026-03-12", action, **moved), change("2026-03-13", action, **moved)],
        ),
    )

    assert inline_errors(response, "original_date") == [
        [],
        [not_in_series(datetime.date(2026, 3, 13))],
    ]
    assert shown_in_russian(response, inline_errors(response, "original_date")[1][0])
    assert not EventPage.objects.exists()
    assert not EventOccurrence.objects.exists()


def test_a_changed_date_after_the_last_of_the_series_is_an_error(admin_client, index):
    response = admin_client.post(
        add_url(index),
        event_form_data(
            repeat="weekly", repeat_count="2", changes=[change("2026-03-19", "cancel")]
        ),
    )

    assert inline_errors(response, "original_date") == [
        [not_in_series(datetime.date(2026, 3, 19))]
    ]


def test_a_move_without_a_new_date_is_an_error_on_the_new_date(admin_client, index):
    response = admin_client.post(
        add_url(index),
        event_form_data(repeat="weekly", repeat_count="2", changes=[change("2026-03-12", "move")]),
    )

    assert inline_errors(response, "new_date") == [
        [in_russian("Enter the date the occurrence moves to.")]
    ]
    assert shown_in_russian(response, inline_errors(response, "new_date")[0][0])
    assert not EventPage.objects.exists()


# Where events may be created


def refused(response) -> bool:
    """Wagtail turns a refused page type into a redirect to the dashboard."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_an_event_cannot_be_created_outside_an_event_index(admin_client, home):
    assert not EventPage.can_create_at(home)
    assert refused(admin_client.get(add_url(home)))

    response = admin_client.post(add_url(home), event_form_data())

    assert refused(response)
    assert not EventPage.objects.exists()


def test_an_event_cannot_hold_pages(admin_client, index):
    admin_client.post(add_url(index), event_form_data())
    event = created_event()

    assert refused(admin_client.get(add_url(event)))
    assert refused(
        admin_client.get(f"/admin/pages/add/caseclub_wagtail/eventindexpage/{event.pk}/")
    )


def test_the_add_page_menu_of_an_index_offers_events(admin_client, index):
    response = admin_client.get(f"/admin/pages/{index.pk}/add_subpage/")

    assert response.status_code in (200, 302)
    assert add_url(index) in (response.content.decode() + response.get("Location", ""))


@pytest.mark.parametrize("parent_kind", ["site-root", "home-page"])
def test_an_event_index_can_be_created_under_any_page(admin_client, home, parent_kind):
    parent = home
    if parent_kind == "home-page":
        parent = HomePage(title="Главная", slug="glavnaia")
        home.add_child(instance=parent)
    url = f"/admin/pages/add/caseclub_wagtail/eventindexpage/{parent.pk}/"

    response = admin_client.post(
        url,
        nested_form_data(
            {
                "title": "Мероприятия",
                "slug": "meropriiatiia",
                "intro": rich_text("<p>Встречи клуба</p>"),
                "seo_title": "",
                "search_description": "",
                "go_live_at": "",
                "expire_at": "",
                "comments": inline_formset([]),
                "action-publish": "action-publish",
            }
        ),
    )

    assert response.status_code == 302
    created = EventIndexPage.objects.get(slug="meropriiatiia")
    assert created.live
    assert Page.objects.get(pk=created.pk).get_parent().pk == parent.pk
