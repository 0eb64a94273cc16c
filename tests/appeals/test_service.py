"""Receiving an appeal and the coordinators' decisions: what is saved, e-mailed and linked."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail as outbox
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from wagtail.models import Site

from caseclub_wagtail.appeals import service
from caseclub_wagtail.appeals.forms import AppealForm
from caseclub_wagtail.models import Appeal, CaseStudyPage, FormSettings, OutgoingEmail
from tests.factories import (
    AppealFactory,
    TopicFactory,
    admin_user,
    appeal_data,
    make_appeal_page,
    make_case,
    make_case_library,
    pdf_upload,
    png_upload,
)
from tests.support.mail import FAILING_BACKEND
from tests.support.registration_pages import protection_fields, relax_form_protection
from tests.support.translation import in_russian

pytestmark = pytest.mark.clock
SUMMARY = "Жильцы дома сообщают о протечке кровли после капремонта."


@pytest.fixture(autouse=True)
def protection(settings, db):
    relax_form_protection(settings)


@pytest.fixture
def page(db):
    return make_appeal_page()


@pytest.fixture
def coordinator(db):
    user = admin_user("view_appeal", "change_appeal", username="coord")
    user.is_superuser = True  # may add and publish pages anywhere, as an editor-in-chief
    user.save()
    return user


def send(page, files=(), **fields):
    request = RequestFactory().post("/")
    blank = AppealForm(request=request, page=page)
    data = {**protection_fields(blank), **appeal_data(**fields)}
    form = AppealForm(
        data, MultiValueDict({"attachments": list(files)}), request=request, page=page
    )
    assert form.is_valid(), form.errors
    return service.submit_appeal(form, page=page, request=request)


def tell_coordinators():
    form_settings = FormSettings.for_site(Site.objects.get(is_default_site=True))
    form_settings.coordinators_email = "coordinators@example.org"
    form_settings.save()


def test_an_appeal_is_saved_with_its_files_in_the_private_storage(page, settings):
    appeal = send(page, [pdf_upload("Акт осмотра.pdf"), png_upload("кровля.png")])

    appeal.refresh_from_db()
    assert appeal.number == 1
    assert appeal.page == page
    assert appeal.status == "new"
    assert appeal.consented_at is not None
    files = list(appeal.attachments.all())
    assert [(f.original_name, f.content_type) for f in files] == [
        ("Акт осмотра.pdf", "application/pdf"),
        ("кровля.png", "image/png"),
    ]
    stored = [Path(f.file.path) for f in files]
    assert all(path.exists() for path in stored)
    # A random name, never the sender's, and nowhere under the public MEDIA_ROOT.
    assert all("Акт" not in path.name for path in stored)
    assert [path.suffix for path in stored] == [".pdf", ".png"]
    media = Path(settings.MEDIA_ROOT).resolve()
    assert not any(media in path.resolve().parents for path in stored)


def test_the_citizen_gets_the_reference_number_and_the_coordinators_a_notice(
    page, django_capture_on_commit_callbacks
):
    tell_coordinators()
    with django_capture_on_commit_callbacks(execute=True):
        first = send(page)
        second = send(page, email="ivan@example.org")

    assert second.number == first.number + 1
    to_citizen = [m for m in outbox.outbox if m.to == ["ivan@example.org"]]
    assert [m.subject for m in to_citizen] == [
        in_russian("Your appeal No. %(number)s is received", number=second.number)
    ]
    assert str(second.number) in to_citizen[0].body
    notices = [m for m in outbox.outbox if m.to == ["coordinators@example.org"]]
    assert len(notices) == 2
    # The notice sends the coordinators to the admin: no name, address or contact in it.
    assert "Соколова" not in notices[0].body
    assert "maria.sokolova" not in notices[0].body
    assert "Мира" not in notices[0].body


def test_a_phone_only_appeal_is_saved_and_nobody_is_written_to(page):
    appeal = send(page, email="", phone="+7 917 555-44-33")

    assert appeal.phone == "+79175554433"
    assert not OutgoingEmail.objects.exists()


def test_an_appeal_is_kept_when_the_mail_server_is_down(
    page, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING_BACKEND
    tell_coordinators()

    with django_capture_on_commit_callbacks(execute=True):
        appeal = send(page, [pdf_upload()])

    assert Appeal.objects.get(pk=appeal.pk).attachments.count() == 1
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"failed"}
    assert OutgoingEmail.objects.count() == 2  # retried later by caseclub_send_emails


def test_a_failed_save_leaves_no_file_behind(page, monkeypatch):
    def broken(appeal):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(service.mail, "received", broken)
    private = Path(django_settings.STORAGES["caseclub_private"]["OPTIONS"]["location"])
    before = set(private.rglob("*.pdf")) if private.exists() else set()

    with pytest.raises(RuntimeError):
        send(page, [pdf_upload()])

    assert not Appeal.objects.exists()
    assert set(private.rglob("*.pdf")) == before


def test_accept_then_reject_records_the_note_who_and_when(coordinator):
    appeal = AppealFactory()

    accepted = service.accept(appeal, coordinator, "Позвонить в понедельник")
    assert (accepted.status, accepted.note, accepted.handled_by) == (
        "accepted",
        "Позвонить в понедельник",
        coordinator,
    )
    assert accepted.closed_at is None
    rejected = service.reject(appeal, coordinator, "Не по профилю клуба")
    assert rejected.status == "rejected"
    assert rejected.closed_at is not None
    assert [m.subject for m in OutgoingEmail.objects.order_by("pk")] == [
        in_russian("Your appeal No. %(number)s", number=appeal.number)
    ] * 2
    # The note is the coordinators' own: the citizen is not sent it.
    assert "профилю" not in OutgoingEmail.objects.last().body


def test_a_closed_appeal_cannot_be_decided_again(coordinator):
    appeal = AppealFactory(status="rejected")

    with pytest.raises(service.AppealClosed):
        service.accept(appeal, coordinator)
    with pytest.raises(service.AppealClosed):
        service.reject(appeal, coordinator)
    with pytest.raises(service.AppealClosed):
        service.create_draft_case(appeal, make_case_library(), SUMMARY, coordinator)


def test_a_draft_case_is_made_from_the_appeal_with_an_anonymised_entry(coordinator):
    roof = TopicFactory(name="Кровля", slug="roof")
    appeal = AppealFactory(topic=roof, municipality="Волжский")
    library = make_case_library()

    case = service.create_draft_case(appeal, library, SUMMARY, coordinator)

    case = CaseStudyPage.objects.get(pk=case.pk)
    assert not case.live
    assert case.get_parent().specific == library
    assert case.summary == SUMMARY
    assert case.title == SUMMARY  # a short summary is the title until the editor writes one
    assert case.municipality == "Волжский"
    assert list(case.topics.all()) == [roof]
    assert [(a.channel, a.summary) for a in case.appeals.all()] == [("website", SUMMARY)]
    assert case.appeals.get().received_on == timezone.localdate(appeal.created_at)
    assert case.get_latest_revision() is not None
    appeal.refresh_from_db()
    assert (appeal.status, appeal.case_id, appeal.handled_by) == ("linked", case.pk, coordinator)
    assert appeal.closed_at is not None


def test_a_long_summary_gives_a_short_title_and_a_title_given_wins(coordinator):
    library = make_case_library()
    long = "Жильцы пятиэтажки на окраине города " * 5

    untitled = service.create_draft_case(AppealFactory(), library, long, coordinator)
    titled = service.create_draft_case(
        AppealFactory(), library, SUMMARY, coordinator, title="Протечка кровли"
    )

    assert len(untitled.title) == 80
    assert untitled.title.endswith("…")
    assert titled.title == "Протечка кровли"
    assert untitled.slug != titled.slug


def test_a_summary_with_the_citizens_contacts_is_refused_and_nothing_changes(coordinator):
    appeal = AppealFactory()
    library = make_case_library()

    with pytest.raises(ValidationError) as refused:
        service.create_draft_case(
            appeal, library, "Пишите жильцу на maria@example.org или +7 917 555-44-33", coordinator
        )

    assert "summary" in refused.value.message_dict
    assert not CaseStudyPage.objects.exists()
    appeal.refresh_from_db()
    assert appeal.status == "new"


def test_a_user_who_may_not_add_a_page_under_the_library_is_refused():
    appeal = AppealFactory()
    clerk = admin_user("view_appeal", "change_appeal", username="clerk")

    with pytest.raises(PermissionDenied):
        service.create_draft_case(appeal, make_case_library(), SUMMARY, clerk)
    assert not CaseStudyPage.objects.exists()


def test_linking_to_a_live_case_adds_its_appeal_and_publishes_it_again(coordinator):
    library = make_case_library()
    case = make_case(
        library, appeals=[(datetime.date(2026, 3, 1), "letter", "Первое письмо жильцов.")]
    )
    appeal = AppealFactory()

    published = service.link_case(appeal, case, SUMMARY, coordinator)

    assert published
    case = CaseStudyPage.objects.get(pk=case.pk)
    assert case.live and not case.has_unpublished_changes
    assert case.appeals.count() == 2
    assert case.appeals.filter(channel="website", summary=SUMMARY).exists()
    appeal.refresh_from_db()
    assert (appeal.status, appeal.case_id) == ("linked", case.pk)


def test_linking_to_a_case_with_a_pending_draft_adds_the_entry_to_the_draft(coordinator):
    library = make_case_library()
    case = make_case(library)
    draft = case.get_latest_revision_as_object()
    draft.outcome = "<p>Черновик итогов</p>"
    draft.save_revision()
    appeal = AppealFactory()

    case = CaseStudyPage.objects.get(pk=case.pk)
    published = service.link_case(appeal, case, SUMMARY, coordinator)

    assert not published
    assert CaseStudyPage.objects.get(pk=case.pk).appeals.count() == 0  # the live one waits
    latest = CaseStudyPage.objects.get(pk=case.pk).get_latest_revision_as_object()
    assert latest.appeals.count() == 1
    assert latest.outcome == "<p>Черновик итогов</p>"  # the editor's draft is kept
