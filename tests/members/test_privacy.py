"""Personal data in the members' registry: erasure, who sees contacts, who may choose members."""

import csv
import datetime
import io
import json

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry
from wagtail.search.models import IndexEntry
from wagtail.test.utils.form_data import rich_text

from caseclub_wagtail.models import Member
from tests.factories import ImageFactory, MemberFactory, edit_form_data, member_form_data

MEMBERS_URL = "/admin/snippets/caseclub_wagtail/member/"
CHOOSER_URL = "/admin/snippets/choose/caseclub_wagtail/member/"

EMAIL = "erase.me.4821@example.org"
OLD_PHONE = "+7 902 555-48-21"
PHONE = "8 (8442) 97-31-64"
WEBSITE = "https://erase-me-4821.example.org/"
BIO = "Старшая по дому на Краснознаменской, 17"


AJAX = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def assert_refused(response):
    """Wagtail's refusal: 403 to the chooser's requests, a redirect home with a message else."""
    assert (response.status_code, response.get("Location")) in ((403, None), (302, "/admin/"))


def erase_url(member):
    return f"{MEMBERS_URL}erase/{member.pk}/"


@pytest.fixture
def make_user(django_user_model, db):
    """A staff user who may enter the admin, with the given permissions of the registry."""

    def make(*codenames, username="user"):
        user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw")
        perms = Permission.objects.filter(
            content_type__app_label__in=["wagtailadmin", "caseclub_wagtail"],
            codename__in=["access_admin", *codenames],
        )
        assert perms.count() == len(codenames) + 1
        user.user_permissions.set(perms)
        return user

    return make


@pytest.fixture
def login(make_user):
    """A client of its own, logged in as a user with only ``codenames`` (and the admin)."""

    def log_in(*codenames, username="user"):
        client = Client()
        client.force_login(make_user(*codenames, username=username))
        return client

    return log_in


@pytest.fixture
def officer(login):
    """The person who honours erasure requests: edits the registry and erases personal data."""
    return login(
        "view_member",
        "change_member",
        "view_member_contacts",
        "erase_member_personal_data",
        username="officer",
    )


def database_text() -> str:
    """Every value of every row of every table, as one string."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, (bytes, memoryview)):
                        value = bytes(value).decode("utf-8", "replace")
                    chunks.append(str(value))
    return "\n".join(chunks)


def forms_of(value: str) -> list[str]:
    """``value`` as it may sit in a column: plain, or escaped inside JSON."""
    return [value, json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1]]


def assert_nowhere_in_database(*values):
    text = database_text()
    for value in values:
        for form in forms_of(value):
            assert form not in text, f"{form!r} is still in the database"


@pytest.fixture
def requested_erasure(admin_client, django_capture_on_commit_callbacks):
    """A member entered and edited through the admin, so revisions and log entries hold data."""
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            f"{MEMBERS_URL}add/",
            member_form_data(
                name="Соколова Вера Павловна",
                email=EMAIL,
                phone=OLD_PHONE,
                website=WEBSITE,
                bio=rich_text(f"<p>{BIO}</p>"),
                public_profile=True,
            ),
        )
        member = Member.objects.get(name="Соколова Вера Павловна")
        # The old phone now lives only in the first revision.
        admin_client.post(
            f"{MEMBERS_URL}edit/{member.pk}/",
            edit_form_data(
                member,
                phone=PHONE,
                website=WEBSITE,
                bio=rich_text(f"<p>{BIO}</p>"),
                status="terminated",
                terminated_on="2025-11-20",
                termination_ground="voluntary",
                termination_note="Заявление о выходе от 20.11.2025",
            ),
        )
    member.refresh_from_db()
    assert member.revisions.count() == 2
    assert member.phone == PHONE
    assert OLD_PHONE in database_text()
    return member


# Erasure


def test_erased_values_are_found_nowhere_in_the_database(
    officer, requested_erasure, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(erase_url(requested_erasure))

    assert response.status_code == 302
    assert_nowhere_in_database(EMAIL, PHONE, OLD_PHONE, WEBSITE, BIO)


def test_erasure_keeps_the_registry_record(officer, requested_erasure):
    number = requested_erasure.registry_number

    officer.post(erase_url(requested_erasure))

    member = Member.objects.get(pk=requested_erasure.pk)
    assert member.registry_number == number
    assert member.name == "Соколова Вера Павловна"
    assert member.municipality == "Волгоград"
    assert member.admitted_on == datetime.date(2025, 3, 1)
    assert member.terminated_on == datetime.date(2025, 11, 20)
    assert member.termination_ground == "voluntary"
    assert member.termination_note == "Заявление о выходе от 20.11.2025"
    assert (member.email, member.phone, member.website, member.bio) == ("", "", "", "")
    assert member.public_profile is False
    for revision in member.revisions.all():
        assert revision.content["name"] == "Соколова Вера Павловна"
        assert revision.content["registry_number"] == number
        assert revision.content["email"] == revision.content["phone"] == ""
        assert revision.content["public_profile"] is False


def test_erasure_withdraws_the_public_profile_and_clears_the_expertise(officer, directory):
    from tests.factories import TopicFactory

    member = MemberFactory(public_profile=True, expertise=[TopicFactory()])
    member.save_revision()

    officer.post(erase_url(member))

    member = Member.objects.get(pk=member.pk)
    assert not member.is_public
    assert not Member.objects.public().filter(pk=member.pk).exists()
    assert list(member.expertise.all()) == []
    assert member.latest_revision.content["expertise"] == []


def test_erasure_is_logged_with_who_and_which_fields_but_no_values(officer, requested_erasure):
    officer.post(erase_url(requested_erasure))

    entry = ModelLogEntry.objects.for_instance(requested_erasure).get(
        action="caseclub_wagtail.erase_personal_data"
    )
    assert entry.user.username == "officer"
    assert entry.data == {"fields": ["email", "phone", "bio", "website", "public_profile"]}

    history = officer.get(f"{MEMBERS_URL}history/{requested_erasure.pk}/")
    text = BeautifulSoup(history.content, "html.parser").get_text(" ", strip=True)
    assert "Персональные данные удалены: электронная почта, телефон, о себе, сайт" in text
    for value in (EMAIL, PHONE, WEBSITE):
        assert value not in text


def test_the_confirmation_screen_names_the_fields_and_erases_nothing(officer, requested_erasure):
    response = officer.get(erase_url(requested_erasure))

    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    items = [li.get_text(strip=True) for li in html.select("main ul li")]
    assert "Электронная почта" in items
    assert "Телефон" in items
    assert html.find("form", attrs={"action": erase_url(requested_erasure)}) is not None
    assert EMAIL not in response.content.decode()
    requested_erasure.refresh_from_db()
    assert requested_erasure.email == EMAIL


def test_erasing_twice_changes_nothing_and_logs_once(officer, requested_erasure):
    officer.post(erase_url(requested_erasure))
    before = Member.objects.get(pk=requested_erasure.pk)

    again = officer.post(erase_url(requested_erasure), follow=True)

    assert again.status_code == 200
    after = Member.objects.get(pk=requested_erasure.pk)
    assert (after.email, after.phone, after.registry_number) == ("", "", before.registry_number)
    actions = ModelLogEntry.objects.for_instance(after).values_list("action", flat=True)
    assert list(actions).count("caseclub_wagtail.erase_personal_data") == 1
    messages = [str(m) for m in again.context["messages"]]
    assert any("не осталось" in message for message in messages)
    screen = officer.get(erase_url(requested_erasure))
    assert screen.status_code == 200
    assert screen.context["fields_held"] == []


def test_the_search_index_holds_no_erased_value(
    officer, requested_erasure, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        officer.post(erase_url(requested_erasure))

    entries = IndexEntry.objects.filter(object_id=str(requested_erasure.pk))
    assert entries.exists()
    # PostgreSQL's backend stores lower-cased lexemes, SQLite's the text itself.
    indexed = " ".join(f"{e.title} {e.body} {e.autocomplete}" for e in entries).casefold()
    assert "соколова" in indexed
    for value in (EMAIL, PHONE, OLD_PHONE, WEBSITE, BIO):
        assert value.casefold() not in indexed


def test_an_unused_photo_is_deleted_from_the_image_library(
    officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        member = MemberFactory(public_profile=True, photo=ImageFactory(title="Портрет Соколовой"))

    screen = officer.get(erase_url(member))
    assert "удаляется из медиатеки" in screen.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        officer.post(erase_url(member))

    assert not get_image_model().objects.filter(title="Портрет Соколовой").exists()
    assert Member.objects.get(pk=member.pk).photo is None


def test_a_photo_used_elsewhere_is_unlinked_but_kept(officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        logo = ImageFactory(title="Логотип ТСЖ")
        member = MemberFactory(public_profile=True, photo=logo)
        MemberFactory(public_profile=True, photo=logo, kind="organization", name="ТСЖ «Логотип»")

    screen = officer.get(erase_url(member))
    assert "остаётся в медиатеке" in screen.content.decode()
    officer.post(erase_url(member))

    assert get_image_model().objects.filter(pk=logo.pk).exists()
    assert Member.objects.get(pk=member.pk).photo is None


def test_without_the_permission_erasure_is_refused(login, requested_erasure):
    editor = login("view_member", "change_member", "view_member_contacts", username="clerk")

    assert_refused(editor.get(erase_url(requested_erasure)))
    assert_refused(editor.post(erase_url(requested_erasure)))
    assert editor.get(erase_url(requested_erasure), **AJAX).status_code == 403

    requested_erasure.refresh_from_db()
    assert requested_erasure.email == EMAIL


def erase_links(response):
    html = BeautifulSoup(response.content, "html.parser")
    return html.find_all("a", href=lambda href: href and "/erase/" in href)


@pytest.mark.parametrize("screen", ["edit", "inspect"])
def test_the_erase_button_shows_only_to_those_allowed(login, screen):
    member = MemberFactory(public_profile=False)
    url = f"{MEMBERS_URL}{screen}/{member.pk}/"
    editor = login("view_member", "change_member", username="clerk")
    assert editor.get(url).status_code == 200
    assert erase_links(editor.get(url)) == []

    officer = login("view_member", "change_member", "erase_member_personal_data")
    links = erase_links(officer.get(url))
    assert [link["href"] for link in links] == [erase_url(member)]


# Who sees contacts


@pytest.fixture
def contact_member(db):
    member = MemberFactory(name="Контактов Иван", email=EMAIL, phone=PHONE, public_profile=False)
    member.save_revision()
    return member


def page_text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("screen", ["list", "inspect", "edit"])
def test_without_the_permission_no_screen_shows_contacts(login, contact_member, screen):
    client = login("view_member", "change_member")
    url = MEMBERS_URL if screen == "list" else f"{MEMBERS_URL}{screen}/{contact_member.pk}/"

    html = page_text(client.get(url))

    assert "Контактов Иван" in html
    assert EMAIL not in html
    assert PHONE not in html
    assert 'name="email"' not in html
    assert 'name="phone"' not in html


@pytest.mark.parametrize("screen", ["inspect", "edit"])
def test_with_the_permission_the_entry_shows_contacts(login, contact_member, screen):
    client = login("view_member", "change_member", "view_member_contacts")

    html = page_text(client.get(f"{MEMBERS_URL}{screen}/{contact_member.pk}/"))

    assert EMAIL in html
    assert PHONE in html


def test_saving_without_the_permission_keeps_the_contacts(login, contact_member):
    client = login("view_member", "change_member")
    # A browser would not send the fields; a forged POST that does is ignored.
    data = edit_form_data(contact_member, name="Контактов Иван Ильич", email="", phone="")

    response = client.post(f"{MEMBERS_URL}edit/{contact_member.pk}/", data)

    assert response.status_code == 302
    member = Member.objects.get(pk=contact_member.pk)
    assert member.name == "Контактов Иван Ильич"
    assert (member.email, member.phone) == (EMAIL, PHONE)
    assert (member.latest_revision.content["email"], member.latest_revision.content["phone"]) == (
        EMAIL,
        PHONE,
    )


def test_revision_comparison_shows_no_contacts_without_the_permission(login, contact_member):
    contact_member.phone = "+7 917 000-11-22"
    contact_member.save()
    first, second = contact_member.revisions.order_by("pk").first(), contact_member.save_revision()
    url = f"{MEMBERS_URL}history/{contact_member.pk}/revisions/compare/{first.pk}...{second.pk}/"

    html = page_text(login("view_member", "change_member").get(url))

    assert EMAIL not in html
    assert "+7 917 000-11-22" not in html
    assert PHONE not in html


def export_cells(response, export_format) -> list[str]:
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if export_format == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    else:
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        rows = list(workbook.active.iter_rows(values_only=True))
    return [str(cell) for row in rows for cell in row if cell is not None]


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_exports_hold_contacts_only_for_those_allowed(login, contact_member, export_format):
    without = export_cells(
        login("view_member", username="viewer").get(MEMBERS_URL, {"export": export_format}),
        export_format,
    )
    assert "Контактов Иван" in without
    assert EMAIL not in without
    assert PHONE not in without
    assert "Электронная почта" not in without
    assert "Телефон" not in without

    allowed = login("view_member", "view_member_contacts", username="secretary")
    cells = export_cells(allowed.get(MEMBERS_URL, {"export": export_format}), export_format)
    assert EMAIL in cells
    assert PHONE in cells
    assert "Электронная почта" in cells


# The member chooser and every registry URL, for a user with only access to the admin


@pytest.fixture
def hidden_member(db, django_capture_on_commit_callbacks):
    """An unconsented, ended member: nobody outside the registry should read the name.

    Made as a committed transaction would be: Wagtail 7.0 indexes it for search only on
    commit, and the chooser's search must find it for the refusals to mean anything.
    """
    with django_capture_on_commit_callbacks(execute=True):
        member = MemberFactory(
            name="Скрытова Нина",
            email=EMAIL,
            phone=PHONE,
            public_profile=False,
            status="terminated",
            terminated_on=datetime.date(2025, 9, 1),
            termination_ground="voluntary",
        )
        member.save_revision()
        member.save_revision()
    return member


def registry_urls(member):
    pk = member.pk
    first, last = member.revisions.order_by("pk").values_list("pk", flat=True)
    return [
        MEMBERS_URL,
        f"{MEMBERS_URL}?q=Скрытова",
        f"{MEMBERS_URL}results/?q=Скрытова",
        f"{MEMBERS_URL}?export=csv",
        f"{MEMBERS_URL}?export=xlsx",
        f"{MEMBERS_URL}add/",
        f"{MEMBERS_URL}edit/{pk}/",
        f"{MEMBERS_URL}inspect/{pk}/",
        f"{MEMBERS_URL}delete/{pk}/",
        f"{MEMBERS_URL}usage/{pk}/",
        f"{MEMBERS_URL}history/{pk}/",
        f"{MEMBERS_URL}history-results/{pk}/",
        f"{MEMBERS_URL}history/{pk}/revisions/{first}/revert/",
        f"{MEMBERS_URL}history/{pk}/revisions/compare/{first}...{last}/",
        f"{MEMBERS_URL}erase/{pk}/",
        f"/admin/bulk/caseclub_wagtail/member/delete/?id={pk}",
        CHOOSER_URL,
        f"{CHOOSER_URL}?q=Скрытова",
        f"{CHOOSER_URL}results/?q=Скрытова",
        f"{CHOOSER_URL}chosen/{pk}/",
        f"{CHOOSER_URL}chosen-multiple/?id={pk}",
        "/admin/snippets/",
        "/admin/reports/site-history/",
    ]


def test_a_user_with_only_admin_access_reads_no_registry_data(login, hidden_member):
    client = login()

    for url in registry_urls(hidden_member):
        response = client.get(url, follow=True)
        content = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode("utf-8", "replace")
        for secret in ("Скрытова", EMAIL, PHONE):
            assert secret not in content, f"{url} reveals {secret}"
        if url.startswith(CHOOSER_URL) or "/caseclub_wagtail/member/" in url:
            refused = response.status_code == 403 or response.redirect_chain
            assert refused, f"{url} answered {response.status_code}"
            ajax = client.get(url, **AJAX)
            assert ajax.status_code in (302, 403), f"{url} answered {ajax.status_code}"


def test_the_chooser_refuses_a_user_with_only_admin_access(login, hidden_member):
    client = login()

    # The modal asks with XMLHttpRequest: Wagtail answers 403; a plain request goes home.
    assert client.get(CHOOSER_URL, **AJAX).status_code == 403
    assert client.get(f"{CHOOSER_URL}results/", {"q": "Скрытова"}, **AJAX).status_code == 403
    assert client.get(f"{CHOOSER_URL}chosen/{hidden_member.pk}/", **AJAX).status_code == 403
    assert client.post(f"{CHOOSER_URL}create/", {"name": "Новый"}, **AJAX).status_code == 403
    assert_refused(client.get(CHOOSER_URL))
    assert not Member.objects.filter(name="Новый").exists()


@pytest.mark.parametrize("codename", ["choose_member", "view_member", "change_member"])
def test_the_chooser_serves_those_who_pick_members(login, hidden_member, codename):
    client = login(codename)

    listing = client.get(f"{CHOOSER_URL}results/", {"q": "Скрытова"}, **AJAX)
    chosen = client.get(f"{CHOOSER_URL}chosen/{hidden_member.pk}/", **AJAX)

    assert listing.status_code == 200
    assert "Скрытова Нина" in listing.content.decode()
    assert chosen.status_code == 200
    assert chosen.json()["result"]["string"] == "Скрытова Нина"
    # Choosing a member is not reading the registry: no contacts, no registry screens.
    assert EMAIL not in listing.content.decode()
    if codename == "choose_member":
        assert client.get(MEMBERS_URL).status_code in (302, 403)


def test_an_erased_value_in_a_log_entry_is_removed(officer, requested_erasure):
    # Wagtail's own entries hold no field values; a host site's may (here, a change list).
    log(
        requested_erasure,
        "wagtail.edit",
        data={"changes": [{"field": "email", "old": f"Вера <{EMAIL}>", "new": ""}], "note": "ок"},
    )

    officer.post(erase_url(requested_erasure))

    entry = ModelLogEntry.objects.for_instance(requested_erasure).get(data__has_key="changes")
    assert entry.data == {"changes": [{"field": "email", "old": "", "new": ""}], "note": "ок"}
    assert_nowhere_in_database(EMAIL)
