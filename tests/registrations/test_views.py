"""The registration pages as a visitor meets them: the form, the confirmation, their own page."""

import datetime
import re
import zoneinfo

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from caseclub_wagtail.core import form_guard
from caseclub_wagtail.core.form_guard import timing_token
from caseclub_wagtail.models import EventRegistration, OutgoingEmail
from caseclub_wagtail.registrations.tokens import manage_token
from tests.factories import (
    MemberFactory,
    add_registrations,
    make_event,
    make_event_index,
    registration_data,
    wall,
)
from tests.support.registration_pages import (
    field_errors,
    form_errors,
    relax_form_protection,
    submit,
    typed_value,
)
from tests.support.translation import in_russian

VOLGOGRAD = zoneinfo.ZoneInfo("Europe/Volgograd")

# Events are placed days from today, and registration closes at their start.
pytestmark = pytest.mark.clock

CYRILLIC = re.compile("[а-яё]", re.I)


@pytest.fixture(autouse=True)
def protection(settings):
    relax_form_protection(settings)


@pytest.fixture
def index(db):
    return make_event_index()


@pytest.fixture
def event(index):
    return make_event(index, "Мастер-класс", wall(5), registration="internal", capacity=2)


def register_url(event, date=None):
    return event.url + (f"register/{date.isoformat()}/" if date else "register/")


def text_of(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def register(client, url, **fields):
    """Submit the form and follow the redirect to the confirmation page."""
    response = submit(client, url, registration_data(**fields))
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"])


# The form


def test_the_form_asks_for_the_issues_fields_and_one_consent(client, event):
    response = client.get(register_url(event))

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    names = {field["name"] for field in page.select("form.caseclub-form [name]")}
    assert {"name", "email", "phone", "organization", "comment", "consent"} <= names
    assert "date" not in names and "registry_number" not in names
    assert len(page.select('[name="consent"]')) == 1
    for name in ("name", "email", "phone", "consent"):
        widget = page.find(attrs={"name": name})
        assert page.find("label", attrs={"for": widget["id"]}) is not None
    assert "no-store" in response["Cache-Control"]


def test_registering_confirms_the_seat_and_queues_the_email(client, event):
    done = register(client, register_url(event), email="Anna.Petrova@example.org")

    assert done.status_code == 200
    assert in_russian("You are registered.") in text_of(done)
    registration = EventRegistration.objects.get()
    assert (registration.status, registration.date) == ("confirmed", wall(5).date())
    assert registration.consented_at is not None
    (mail,) = OutgoingEmail.objects.all()
    assert mail.recipient == "Anna.Petrova@example.org"
    assert f"{event.url}registration/" in mail.body
    # The confirmation names neither the person nor their address.
    assert "Петрова" not in done.content.decode() and "anna" not in done.content.decode().lower()


def test_a_full_date_puts_the_person_on_the_waitlist_with_their_place(client, event):
    add_registrations(event, wall(5).date(), 2)

    first = register(client, register_url(event), email="first@example.org")
    second = register(client, register_url(event), email="second@example.org")

    waitlist = "All seats are taken: you are on the waitlist, place %(place)s."
    assert in_russian(waitlist, place=1) in text_of(first)
    assert in_russian(waitlist, place=2) in text_of(second)
    assert set(
        EventRegistration.objects.filter(
            email__in=["first@example.org", "second@example.org"]
        ).values_list("status", flat=True)
    ) == {"waitlisted"}


def test_the_form_of_a_full_date_says_it_leads_to_the_waitlist(client, event):
    before = text_of(client.get(register_url(event)))
    add_registrations(event, wall(5).date(), 2)

    after = text_of(client.get(register_url(event)))

    notice = in_russian(
        "All seats are taken: you will join the waitlist and we will write to you if a seat "
        "becomes free."
    )
    assert notice not in before and in_russian("Register") in before
    assert notice in after and in_russian("Join the waitlist") in after


def test_a_phone_is_kept_in_international_form(client, event):
    register(client, register_url(event), phone="8 (8442) 55-12-34")

    assert EventRegistration.objects.get().phone == "+78442551234"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "anna.petrova(at)example", "Enter an e-mail address such as name@example.org."),
        (
            "phone",
            "12345",
            "Enter a phone number, for example +7 900 123-45-67.",
        ),
    ],
)
def test_a_bad_value_is_refused_beside_its_field_keeping_what_was_typed(
    client, event, field, value, message
):
    data = registration_data(comment="Приду с коллегой", **{field: value})

    response = submit(client, register_url(event), data)

    assert response.status_code == 400
    assert field_errors(response, field) == [in_russian(message)]
    for name in ("name", "organization", "comment", field):
        assert typed_value(response, name) == data[name]
    assert not EventRegistration.objects.exists()


def test_registering_without_consent_is_refused_beside_the_box(client, event):
    response = submit(client, register_url(event), registration_data(consent=None))

    assert response.status_code == 400
    (error,) = field_errors(response, "consent")
    assert CYRILLIC.search(error)
    assert typed_value(response, "email") == "anna.petrova@example.org"
    assert not EventRegistration.objects.exists()


def test_a_second_registration_offers_to_send_the_link_again(client, event):
    register(client, register_url(event))
    OutgoingEmail.objects.all().delete()

    response = submit(
        client, register_url(event), registration_data(email="ANNA.Petrova@Example.org")
    )

    assert response.status_code == 409
    assert field_errors(response, "email") == [
        in_russian("This address is already registered for this date.")
    ]
    assert typed_value(response, "email") == "ANNA.Petrova@Example.org"
    resend = BeautifulSoup(response.content, "html.parser").select_one('[name="resend"]')
    again = client.post(register_url(event), {"resend": resend["value"]})
    assert again.status_code == 200
    assert "example.org" not in again.content.decode().lower()
    (mail,) = OutgoingEmail.objects.all()
    assert mail.recipient == "anna.petrova@example.org"  # the address on file
    assert EventRegistration.objects.count() == 1


def test_a_forged_offer_to_send_the_link_sends_nothing(client, event):
    (registration,) = add_registrations(event, wall(5).date(), 1)

    response = client.post(register_url(event), {"resend": f"{registration.pk}:forged:sig"})

    assert response.status_code == 400
    assert not OutgoingEmail.objects.exists()


def test_a_rate_limited_post_is_429(client, event, monkeypatch):
    monkeypatch.setattr(form_guard, "is_rate_limited", lambda request, group: True)

    response = client.post(register_url(event), registration_data())

    assert response.status_code == 429
    assert not EventRegistration.objects.exists()


def test_each_post_counts_once_against_the_rate_limit(client, event, settings):
    settings.CASECLUB_WAGTAIL = {**settings.CASECLUB_WAGTAIL, "FORM_RATE_LIMIT": "2/h"}

    first = submit(client, register_url(event), registration_data(email="a@example.org"))
    second = submit(client, register_url(event), registration_data(email="b@example.org"))
    third = submit(client, register_url(event), registration_data(email="c@example.org"))

    assert [first.status_code, second.status_code, third.status_code] == [302, 302, 429]
    assert EventRegistration.objects.count() == 2


def test_the_form_checks_csrf(event):
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(register_url(event), registration_data())

    assert response.status_code == 403
    assert not EventRegistration.objects.exists()


# Dates and closing


@pytest.fixture
def series(index):
    """A weekly series that began two weeks ago: today's date (at 18:00) and three to come."""
    return make_event(
        index,
        "Еженедельный клуб",
        wall(-14),
        registration="internal",
        capacity=10,
        repeat="weekly",
        repeat_count=6,
    )


def test_a_series_asks_for_one_of_its_open_dates(client, series):
    page = BeautifulSoup(client.get(register_url(series)).content, "html.parser")

    options = [
        option["value"] for option in page.select('[name="date"] option') if option["value"]
    ]
    # Today's date is offered only until it begins (at 18:00 in Volgograd).
    starts = [wall(7 * n).replace(tzinfo=VOLGOGRAD) for n in (0, 1, 2, 3)]
    now = timezone.now()
    assert options == [start.date().isoformat() for start in starts if start > now]
    assert len(options) >= 3


def test_a_series_registers_for_the_chosen_date(client, series):
    done = register(client, register_url(series), date=wall(14).date().isoformat())

    assert EventRegistration.objects.get().date == wall(14).date()
    assert in_russian("You are registered.") in text_of(done)


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (3, "The event has no such date. Choose one of the dates in the list."),
        (-7, "Registration for this date is closed."),
    ],
)
def test_a_date_outside_the_series_or_past_is_refused_beside_the_field(
    client, series, days, message
):
    data = registration_data(date=wall(days).date().isoformat())

    response = submit(client, register_url(series), data)

    assert response.status_code == 400
    assert field_errors(response, "date") == [in_russian(message)]
    assert typed_value(response, "name") == data["name"]
    assert not EventRegistration.objects.exists()


def test_a_date_of_the_series_has_its_own_form(client, series):
    url = register_url(series, wall(7).date())

    page = BeautifulSoup(client.get(url).content, "html.parser")
    assert page.find(attrs={"name": "date"}) is None
    register(client, url)

    assert EventRegistration.objects.get().date == wall(7).date()


@pytest.mark.parametrize("path", ["register/2026-02-30/", "register/2026-13-01/", "register/1/"])
def test_an_impossible_date_is_not_found(client, series, path):
    assert client.get(series.url + path).status_code == 404


def test_a_date_not_in_the_series_is_not_found(client, series):
    assert client.get(register_url(series, wall(3).date())).status_code == 404


def test_a_past_date_says_registration_is_closed(client, series):
    url = register_url(series, wall(-7).date())

    shown = client.get(url)
    posted = submit_closed(client, url)

    assert shown.status_code == 200
    assert in_russian("Registration for this event is closed.") in text_of(shown)
    assert shown.content.decode().count('name="email"') == 0
    assert posted.status_code == 400
    assert form_errors(posted) == [in_russian("Registration for this date is closed.")]
    assert typed_value(posted, "email") == "anna.petrova@example.org"


def submit_closed(client, url):
    """POST the form, opened while it was still open, to a date that has closed since."""
    return client.post(url, {**registration_data(), "form_started": timing_token()})


def test_registration_closes_the_set_hours_before_the_start(client, index):
    event = make_event(
        index,
        "Стажировка",
        # Three hours from now, closing six hours before: closed, not begun, at any hour.
        (timezone.now() + datetime.timedelta(hours=3)).astimezone(VOLGOGRAD).replace(tzinfo=None),
        registration="internal",
        registration_closes=6,
    )

    response = submit_closed(client, register_url(event))

    assert response.status_code == 400
    assert form_errors(response) == [in_russian("Registration for this date is closed.")]


@pytest.mark.parametrize("mode", ["none", "external"])
def test_no_form_unless_the_event_registers_on_the_site(client, index, mode):
    event = make_event(
        index,
        "Заседание",
        wall(5),
        registration=mode,
        registration_url="https://forms.example.org/z",
    )

    assert client.get(register_url(event)).status_code == 404
    assert client.post(register_url(event), registration_data()).status_code == 404


# Members only


@pytest.fixture
def members_event(index):
    return make_event(
        index, "Закрытое заседание", wall(5), registration="internal", audience="members_only"
    )


@pytest.fixture
def member(db):
    return MemberFactory(email="Member.One@example.org")


def test_an_active_member_registers_with_number_and_email(client, members_event, member):
    register(
        client,
        register_url(members_event),
        registry_number=str(member.registry_number),
        email="member.one@EXAMPLE.org",
    )

    assert EventRegistration.objects.get().member == member


@pytest.mark.parametrize("wrong", ["number", "email", "terminated"])
def test_a_members_only_event_refuses_without_saying_what_did_not_match(
    client, members_event, member, wrong
):
    number = member.registry_number + (1 if wrong == "number" else 0)
    email = "other@example.org" if wrong == "email" else member.email
    if wrong == "terminated":
        type(member).objects.filter(pk=member.pk).update(
            status="terminated", terminated_on=datetime.date(2026, 1, 1)
        )
    data = registration_data(registry_number=str(number), email=email)

    response = submit(client, register_url(members_event), data)

    assert response.status_code == 400
    assert form_errors(response) == [
        in_russian(
            "No active member of the club has this registry number and this e-mail. "
            "Type them as the registry holds them."
        )
    ]
    assert typed_value(response, "registry_number") == str(number)
    assert typed_value(response, "email") == email
    assert not EventRegistration.objects.exists()


# The confirmation and the person's own page


def test_a_forged_confirmation_is_not_found(client, event):
    (registration,) = add_registrations(event, wall(5).date(), 1)

    response = client.get(register_url(event), {"done": f"{registration.pk}:x:y"})

    assert response.status_code == 404
    assert "Записанный" not in response.content.decode()


def test_the_persons_page_shows_the_registration_in_the_events_zone(client, index):
    event = make_event(
        index,
        "Вебинар",
        wall(5),
        time_zone="Asia/Yekaterinburg",
        registration="internal",
        capacity=1,
    )
    add_registrations(event, wall(5).date(), 1)
    register(client, register_url(event))
    registration = EventRegistration.objects.get(email="anna.petrova@example.org")

    response = client.get(f"{event.url}registration/{manage_token(registration)}/")

    assert response.status_code == 200
    text = text_of(response)
    assert "18:00 (Asia/Yekaterinburg)" in text
    assert in_russian("place %(place)s on the waitlist") % {"place": 1} in text
    assert "Петрова" not in text
    assert response["X-Robots-Tag"] == "noindex"


def test_the_registration_pages_give_their_address_only_to_the_site_itself(client, event):
    """The token in the path never reaches another site; a browser's POST keeps its Origin.

    Under "no-referrer" a browser sends the form with "Origin: null", which Django's CSRF
    check refuses (tests/e2e/test_registration.py meets it in Chromium).
    """
    [registration] = add_registrations(event, wall(5).date(), 1)
    for url in (register_url(event), f"{event.url}registration/{manage_token(registration)}/"):
        response = client.get(url)

        assert response.status_code == 200, url
        assert response["Referrer-Policy"] == "same-origin", url


def test_cancelling_frees_the_seat_for_the_first_on_the_waitlist(client, event):
    date = wall(5).date()
    first, second = add_registrations(event, date, 2)
    waiting, later = add_registrations(event, date, 2, status="waitlisted", first=3)
    url = f"{event.url}registration/{manage_token(first)}/"

    response = client.post(url)

    assert response.status_code == 200
    assert in_russian(
        "Your registration is cancelled. "
        "Thank you for letting us know: your seat goes to the next person."
    ) in text_of(response)
    statuses = dict(EventRegistration.objects.values_list("pk", "status"))
    assert statuses == {
        first.pk: "cancelled",
        second.pk: "confirmed",
        waiting.pk: "confirmed",
        later.pk: "waitlisted",
    }
    subjects = dict(OutgoingEmail.objects.values_list("recipient", "subject"))
    assert set(subjects) == {first.email, waiting.email}
    assert "Мастер-класс" in subjects[waiting.email]
    # The link was used: it no longer opens the registration.
    used = client.get(url)
    assert used.status_code == 404
    assert in_russian(
        "This link is not valid or was already used: a registration's link stops working "
        "once it is cancelled."
    ) in text_of(used)


def test_a_person_may_cancel_after_the_site_form_is_switched_off(client, event):
    (registration,) = add_registrations(event, wall(5).date(), 1)
    type(event).objects.filter(pk=event.pk).update(registration="none")

    response = client.post(f"{event.url}registration/{manage_token(registration)}/")

    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.status == "cancelled"


@pytest.mark.parametrize(
    "token",
    ["1-forged", "abc", "999999-AAAA", "1" * 30 + "-x", "--", "1"],
)
def test_a_forged_token_is_not_found(client, event, token):
    add_registrations(event, wall(5).date(), 1)

    response = client.get(f"{event.url}registration/{token}/")

    assert response.status_code == 404
    assert in_russian(
        "This link is not valid or was already used: a registration's link stops working "
        "once it is cancelled."
    ) in text_of(response)
    assert client.post(f"{event.url}registration/{token}/").status_code == 404
    assert EventRegistration.objects.get().status == "confirmed"


def test_a_token_opens_only_under_its_own_event(client, index, event):
    other = make_event(index, "Другое", wall(6), registration="internal")
    (registration,) = add_registrations(event, wall(5).date(), 1)

    response = client.post(f"{other.url}registration/{manage_token(registration)}/")

    assert response.status_code == 404
    assert EventRegistration.objects.get().status == "confirmed"


def test_an_attended_registration_can_no_longer_be_cancelled(client, event):
    (registration,) = add_registrations(event, wall(5).date(), 1, status="attended")

    response = client.post(f"{event.url}registration/{manage_token(registration)}/")

    assert response.status_code == 409
    assert in_russian("This registration can no longer be cancelled.") in text_of(response)
    registration.refresh_from_db()
    assert registration.status == "attended"


def test_the_emailed_link_opens_the_persons_page(client, event):
    register(client, register_url(event))
    (mail,) = OutgoingEmail.objects.all()
    (link,) = re.findall(r"https?://[^/\s]+(/\S+/registration/\S+/)", mail.body)

    response = client.get(link)

    assert response.status_code == 200
    assert in_russian("Cancel my registration") in text_of(response)
    # Wagtail serves page paths of word characters and hyphens only.
    assert re.fullmatch(r"[\w/-]+", link)
