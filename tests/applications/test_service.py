"""Receiving, admitting and declining membership applications, and their e-mails."""

import datetime

import pytest
from django.test import RequestFactory, override_settings
from django.utils import timezone
from wagtail.models import Site

from caseclub_wagtail.applications import service
from caseclub_wagtail.applications.forms import MembershipApplicationForm
from caseclub_wagtail.core.form_settings import FormSettings
from caseclub_wagtail.models import Member, MembershipApplication, OutgoingEmail
from tests.factories import (
    ApplicationFactory,
    MemberFactory,
    TopicFactory,
    admin_user,
    application_data,
    make_application_page,
)
from tests.support.mail import FAILING_BACKEND
from tests.support.registration_pages import protection_fields, relax_form_protection

pytestmark = pytest.mark.clock


@pytest.fixture(autouse=True)
def protection(settings):
    relax_form_protection(settings)


@pytest.fixture
def page(db):
    return make_application_page()


@pytest.fixture
def coordinator(db):
    return admin_user("view_membershipapplication", "change_membershipapplication", "add_member")


def valid_form(page, **fields):
    request = RequestFactory().post("/")
    blank = MembershipApplicationForm(request=request, page=page)
    data = {**protection_fields(blank), **application_data(**fields)}
    form = MembershipApplicationForm(data, request=request, page=page)
    assert form.is_valid(), form.errors
    return form


def emails_to(address):
    return list(OutgoingEmail.objects.filter(recipient=address).order_by("pk"))


def test_an_application_is_saved_as_typed_and_confirmed_by_email(page):
    heating, water = TopicFactory(name="Отопление"), TopicFactory(name="Водоснабжение")
    form = valid_form(page, expertise=[heating.slug, water.slug], public_profile="on")

    application = service.submit_application(form, page=page, request=form.request)

    application.refresh_from_db()
    assert application.status == "new"
    assert application.page == page
    assert application.name == "Сидорова Анна Викторовна"
    assert application.phone == "+78442551234"
    assert application.public_profile is True
    assert application.consented_at is not None
    assert set(application.expertise.all()) == {heating, water}
    [confirmation] = emails_to("anna@example.org")
    assert "Сидорова Анна Викторовна" in confirmation.body


def test_the_coordinators_are_told_without_the_persons_contacts(page):
    settings = FormSettings.for_site(Site.objects.get(is_default_site=True))
    settings.coordinators_email = "club@example.org"
    settings.save()

    service.submit_application(valid_form(page), page=page, request=None)

    [notice] = emails_to("club@example.org")
    assert "anna@example.org" not in notice.body
    assert "Волгоград" in notice.body


@override_settings(EMAIL_BACKEND=FAILING_BACKEND)
def test_an_application_is_kept_when_the_mail_server_is_down(
    page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = service.submit_application(valid_form(page), page=page, request=None)

    assert MembershipApplication.objects.filter(pk=application.pk).exists()
    [confirmation] = emails_to("anna@example.org")
    assert confirmation.status == "failed"


def test_admission_enters_the_next_registry_number_today(coordinator):
    MemberFactory()
    highest = MemberFactory()
    topic = TopicFactory(name="Капремонт")
    application = ApplicationFactory(
        bio="Строка <b>одна</b>\nи вторая.\n\nАбзац.", public_profile=True, expertise=[topic]
    )

    member = service.admit(application, coordinator)

    member = Member.objects.get(pk=member.pk)
    assert member.registry_number == highest.registry_number + 1
    assert member.admitted_on == timezone.localdate()
    assert member.public_profile is True
    assert member.name == application.name
    assert member.email == application.email
    assert list(member.expertise.all()) == [topic]
    assert member.bio == "<p>Строка &lt;b&gt;одна&lt;/b&gt;<br>и вторая.</p>\n\n<p>Абзац.</p>"
    application.refresh_from_db()
    assert application.status == "admitted"
    assert application.member == member
    assert application.decided_by == coordinator
    assert application.decided_at == timezone.now()
    [letter] = emails_to(application.email)
    assert str(member.registry_number) in letter.subject
    assert str(member.registry_number) in letter.body


def test_admission_keeps_a_profile_private_without_consent(coordinator):
    member = service.admit(ApplicationFactory(public_profile=False), coordinator)

    assert member.public_profile is False
    assert not Member.objects.public().filter(pk=member.pk).exists()


def test_a_decline_records_the_reason_and_emails_it(coordinator):
    application = ApplicationFactory()

    service.decline(application, coordinator, "  Заявка подана не от жителя региона.  ")

    application.refresh_from_db()
    assert application.status == "declined"
    assert application.reason == "Заявка подана не от жителя региона."
    assert application.decided_by == coordinator
    assert application.member is None
    [letter] = emails_to(application.email)
    assert "Заявка подана не от жителя региона." in letter.body
    assert not Member.objects.exists()


@pytest.mark.parametrize("first", ["admit", "decline"])
@pytest.mark.parametrize("then", ["admit", "decline"])
def test_a_decided_application_is_not_decided_again(coordinator, first, then):
    application = ApplicationFactory()
    decide = {
        "admit": lambda: service.admit(application, coordinator),
        "decline": lambda: service.decline(application, coordinator, "Причина"),
    }
    decide[first]()
    members, emails = Member.objects.count(), OutgoingEmail.objects.count()

    with pytest.raises(service.AlreadyDecided) as refused:
        decide[then]()

    assert "только новое заявление" in refused.value.message
    assert Member.objects.count() == members
    assert OutgoingEmail.objects.count() == emails


def test_a_stale_copy_of_an_application_is_not_admitted_twice(coordinator):
    application = ApplicationFactory()
    stale = MembershipApplication.objects.get(pk=application.pk)
    service.admit(application, coordinator)

    with pytest.raises(service.AlreadyDecided):
        service.admit(stale, coordinator)

    assert Member.objects.count() == 1


def test_a_decline_needs_a_reason(coordinator):
    application = ApplicationFactory()

    with pytest.raises(ValueError):
        service.decline(application, coordinator, "   ")

    application.refresh_from_db()
    assert application.status == "new"


def test_admission_today_is_the_sites_date(coordinator, clock):
    clock.move_to(datetime.datetime(2026, 12, 31, 22, 30, tzinfo=datetime.UTC))

    member = service.admit(ApplicationFactory(), coordinator)

    # 22:30 UTC on 31 December is already 1 January in the site's zone (Europe/Volgograd).
    assert member.admitted_on == datetime.date(2027, 1, 1)
