"""The members' registry as an editor keeps it in the Wagtail admin."""

import csv
import datetime
import io
import json

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib import messages
from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import capfirst
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtail.users.models import UserProfile

from caseclub_wagtail.models import (
    Member,
    MemberCategory,
    MemberKind,
    MemberRole,
    MemberStatus,
    NumberSequence,
    TerminationGround,
    Topic,
)
from tests.factories import (
    MemberFactory,
    MemberRewardFactory,
    TopicFactory,
    edit_form_data,
    member_form_data,
)

MEMBERS_URL = "/admin/snippets/caseclub_wagtail/member/"
ADD_URL = MEMBERS_URL + "add/"
TOPICS_URL = "/admin/snippets/caseclub_wagtail/topic/"
BULK_DELETE_MEMBERS_URL = "/admin/bulk/caseclub_wagtail/member/delete/"
BULK_DELETE_TOPICS_URL = "/admin/bulk/caseclub_wagtail/topic/delete/"


def edit_url(member):
    return f"{MEMBERS_URL}edit/{member.pk}/"


def error_messages(response):
    return [str(m) for m in response.context["messages"] if m.level == messages.ERROR]


def listed_names(response):
    return [member.name for member in response.context["object_list"]]


def ru(label):
    """A choice label as the Russian admin shows it."""
    with translation.override("ru"):
        return str(label)


# Registry numbers


def test_new_members_get_sequential_registry_numbers(admin_client):
    first = admin_client.post(f"{MEMBERS_URL}add/", member_form_data(name="Первый Участник"))
    second = admin_client.post(f"{MEMBERS_URL}add/", member_form_data(name="Второй Участник"))

    assert first.status_code == second.status_code == 302
    assert Member.objects.get(name="Первый Участник").registry_number == 1
    assert Member.objects.get(name="Второй Участник").registry_number == 2


def test_editor_cannot_choose_a_registry_number_when_adding(admin_client):
    admin_client.post(f"{MEMBERS_URL}add/", member_form_data(registry_number="99"))

    assert Member.objects.get().registry_number == 1


def test_editor_cannot_change_a_registry_number_when_editing(admin_client):
    member = MemberFactory()
    number = member.registry_number

    response = admin_client.post(
        edit_url(member), edit_form_data(member, registry_number="99", name="Новое Имя")
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.name == "Новое Имя"
    assert member.registry_number == number


def test_edit_form_shows_the_registry_number_read_only(admin_client):
    NumberSequence.objects.create(name="member-registry", last_value=4120)
    member = MemberFactory()
    assert member.registry_number == 4121

    response = admin_client.get(edit_url(member))

    assert response.status_code == 200
    assert "registry_number" not in response.context["form"].fields
    html = BeautifulSoup(response.content, "html.parser")
    assert html.find(attrs={"name": "registry_number"}) is None
    panel = html.find(id="panel-registry_number-content")
    assert panel is not None
    assert panel.find(attrs={"aria-readonly": "true"}).get_text(strip=True) == "4121"


def test_add_form_says_when_the_registry_number_is_given(admin_client):
    response = admin_client.get(ADD_URL)

    panel = BeautifulSoup(response.content, "html.parser").find(id="panel-registry_number-content")
    shown = panel.find(attrs={"aria-readonly": "true"}).get_text(strip=True)
    assert shown == "присваивается при сохранении записи"


# One chair


def test_a_second_active_chair_is_refused_naming_the_current_chair(admin_client):
    MemberFactory(role="chair", name="Петров Пётр Ильич")

    response = admin_client.post(
        f"{MEMBERS_URL}add/", member_form_data(name="Сидоров Илья", role="chair")
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert "role" in form.errors
    assert "Петров Пётр Ильич" in " ".join(form.errors["role"])
    assert not Member.objects.filter(name="Сидоров Илья").exists()


def test_refused_second_chair_shows_no_technical_constraint_message(admin_client):
    MemberFactory(role="chair", name="Петров Пётр Ильич")

    response = admin_client.post(
        f"{MEMBERS_URL}add/", member_form_data(name="Сидоров Илья", role="chair")
    )

    # The editor is told who the chair is, next to the role; the database
    # constraint's own message ("Constraint … is violated") means nothing to them.
    form = response.context["form"]
    assert form.non_field_errors() == []
    assert "caseclub_wagtail_one_active_chair" not in response.content.decode()


def test_promoting_a_member_to_chair_is_refused_while_there_is_one(admin_client):
    MemberFactory(role="chair", name="Петров Пётр Ильич")
    member = MemberFactory(role="deputy_chair")

    response = admin_client.post(edit_url(member), edit_form_data(member, role="chair"))

    assert response.status_code == 200
    assert "Петров Пётр Ильич" in " ".join(response.context["form"].errors["role"])
    member.refresh_from_db()
    assert member.role == "deputy_chair"


def test_a_former_chair_does_not_block_a_new_chair(admin_client):
    MemberFactory(
        role="chair",
        status="terminated",
        terminated_on=datetime.date(2025, 9, 1),
        termination_ground="voluntary",
    )

    response = admin_client.post(
        f"{MEMBERS_URL}add/", member_form_data(name="Новый Председатель", role="chair")
    )

    assert response.status_code == 302
    assert Member.objects.active().get(role="chair").name == "Новый Председатель"


# Ending membership


def test_ending_membership_needs_a_date_and_a_ground(admin_client):
    member = MemberFactory()

    response = admin_client.post(edit_url(member), edit_form_data(member, status="terminated"))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["terminated_on"]
    assert errors["termination_ground"]
    member.refresh_from_db()
    assert member.status == "active"


def test_membership_cannot_end_before_admission(admin_client):
    member = MemberFactory(admitted_on=datetime.date(2025, 3, 1))

    response = admin_client.post(
        edit_url(member),
        edit_form_data(
            member,
            status="terminated",
            terminated_on="2025-02-28",
            termination_ground="voluntary",
        ),
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["terminated_on"]
    member.refresh_from_db()
    assert member.status == "active"
    assert member.terminated_on is None


def test_an_active_membership_cannot_have_an_end_date_or_ground(admin_client):
    member = MemberFactory()

    response = admin_client.post(
        edit_url(member),
        edit_form_data(member, terminated_on="2025-10-01", termination_ground="voluntary"),
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["terminated_on"]
    assert errors["termination_ground"]
    member.refresh_from_db()
    assert member.terminated_on is None
    assert member.termination_ground == ""


def test_ending_membership_keeps_the_entry_with_date_ground_and_note(admin_client):
    member = MemberFactory(name="Уходящий Участник")
    number = member.registry_number

    response = admin_client.post(
        edit_url(member),
        edit_form_data(
            member,
            status="terminated",
            terminated_on="2025-10-15",
            termination_ground="non_compliance",
            termination_note="Решение заседания от 15.10.2025",
        ),
    )

    assert response.status_code == 302
    member = Member.objects.get(pk=member.pk)
    assert member.registry_number == number
    assert member.status == "terminated"
    assert member.terminated_on == datetime.date(2025, 10, 15)
    assert member.termination_ground == "non_compliance"
    assert member.termination_note == "Решение заседания от 15.10.2025"
    assert "Уходящий Участник" in listed_names(admin_client.get(MEMBERS_URL))


# Deleting is refused


@pytest.mark.parametrize("method", ["get", "post"])
def test_delete_view_refuses_and_sends_the_editor_back(admin_client, method):
    member = MemberFactory(name="Неудаляемый Участник")

    response = getattr(admin_client, method)(f"{MEMBERS_URL}delete/{member.pk}/")

    assert response.status_code == 302
    assert response["Location"] == edit_url(member)
    followed = admin_client.get(response["Location"])
    errors = error_messages(followed)
    assert len(errors) == 1
    assert "Неудаляемый Участник" in errors[0]
    assert Member.objects.filter(pk=member.pk).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_bulk_delete_leaves_the_entries_in_place(admin_client, method):
    first = MemberFactory(name="Первый Участник")
    second = MemberFactory(name="Второй Участник")

    response = getattr(admin_client, method)(
        f"{BULK_DELETE_MEMBERS_URL}?id={first.pk}&id={second.pk}", follow=True
    )

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == MEMBERS_URL
    errors = error_messages(response)
    assert len(errors) == 1
    assert "Первый Участник" in errors[0]
    assert "Второй Участник" in errors[0]
    assert Member.objects.filter(pk__in=[first.pk, second.pk]).count() == 2


def test_bulk_delete_of_topics_still_works(admin_client):
    # The refusal is for registry entries only; topics are ordinary snippets.
    topic = TopicFactory()

    admin_client.post(f"{BULK_DELETE_TOPICS_URL}?id={topic.pk}")

    assert not Topic.objects.filter(pk=topic.pk).exists()


# Rewards


def test_a_reward_posted_with_the_member_is_saved_and_shown_on_edit(admin_client):
    reward = {
        "id": "",
        "date": "2025-12-01",
        "title": "Благодарственное письмо",
        "reason": "За подготовку кейса о капремонте",
    }

    response = admin_client.post(
        f"{MEMBERS_URL}add/", member_form_data(name="Награждённый Участник", rewards=[reward])
    )

    assert response.status_code == 302
    member = Member.objects.get(name="Награждённый Участник")
    saved = member.rewards.get()
    assert saved.date == datetime.date(2025, 12, 1)
    assert saved.title == "Благодарственное письмо"
    assert saved.reason == "За подготовку кейса о капремонте"

    page = admin_client.get(edit_url(member))
    forms = page.context["form"].formsets["rewards"].forms
    assert [form.instance.pk for form in forms] == [saved.pk]
    html = page.content.decode()
    assert "Благодарственное письмо" in html
    assert "За подготовку кейса о капремонте" in html


def test_editing_keeps_existing_rewards(admin_client):
    reward = MemberRewardFactory(title="Почётная грамота")
    member = reward.member
    data = edit_form_data(member, name="Переименованный Участник")
    data.update(
        nested_form_data(
            {
                "rewards": inline_formset(
                    [
                        {
                            "id": str(reward.pk),
                            "date": reward.date.isoformat(),
                            "title": reward.title,
                            "reason": reward.reason,
                        }
                    ],
                    initial=1,
                )
            }
        )
    )

    response = admin_client.post(edit_url(member), data)

    assert response.status_code == 302
    assert [r.title for r in Member.objects.get(pk=member.pk).rewards.all()] == [
        "Почётная грамота"
    ]


# Revisions and history


def test_editing_creates_a_revision_and_the_history_lists_it(admin_client):
    admin_client.post(f"{MEMBERS_URL}add/", member_form_data(name="Старое Имя"))
    member = Member.objects.get()

    admin_client.post(edit_url(member), edit_form_data(member, name="Новое Имя"))

    member.refresh_from_db()
    assert member.revisions.count() == 2
    assert member.latest_revision.content["name"] == "Новое Имя"
    assert member.revisions.order_by("created_at").first().content["name"] == "Старое Имя"

    response = admin_client.get(f"{MEMBERS_URL}history/{member.pk}/")
    assert response.status_code == 200
    entries = list(response.context["object_list"])
    assert [entry.action for entry in entries] == ["wagtail.edit", "wagtail.create"]
    assert all(entry.user.username == "editor" for entry in entries)
    rows = BeautifulSoup(response.content, "html.parser").select("table tbody tr")
    assert len(rows) == 2


def test_history_lists_only_this_members_changes(admin_client):
    admin_client.post(f"{MEMBERS_URL}add/", member_form_data(name="Первый Участник"))
    admin_client.post(f"{MEMBERS_URL}add/", member_form_data(name="Второй Участник"))
    first = Member.objects.get(name="Первый Участник")

    response = admin_client.get(f"{MEMBERS_URL}history/{first.pk}/")

    entries = list(response.context["object_list"])
    assert [entry.object_id for entry in entries] == [str(first.pk)]
    assert ModelLogEntry.objects.count() == 2


# The listing


@pytest.fixture
def registry(db, django_capture_on_commit_callbacks):
    """A small registry: names in the opposite order to their numbers."""
    # Wagtail 7 updates the search index when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        housing = TopicFactory(name="Капремонт", slug="kapremont")
        tariffs = TopicFactory(name="Тарифы", slug="tarify")
        return {
            "chair": MemberFactory(
                name="Яковлева Анна", role="chair", category="mentor", expertise=[housing]
            ),
            "hoa": MemberFactory(
                name="ТСЖ «Родник»",
                kind="organization",
                category="hoa",
                municipality="Камышин",
                expertise=[tariffs],
            ),
            "inspector": MemberFactory(
                name="Михайлов Олег",
                role="deputy_chair",
                category="housing_inspector",
                organization="Общественный жилищный контроль",
                municipality="Волжский",
                expertise=[housing, tariffs],
            ),
            "former": MemberFactory(
                name="Андреев Борис",
                status="terminated",
                terminated_on=datetime.date(2025, 9, 1),
                termination_ground="voluntary",
            ),
        }


def test_listing_is_ordered_by_registry_number(admin_client, registry):
    response = admin_client.get(MEMBERS_URL)

    assert response.status_code == 200
    assert listed_names(response) == [
        "Яковлева Анна",
        "ТСЖ «Родник»",
        "Михайлов Олег",
        "Андреев Борис",
    ]


def test_listing_shows_number_name_category_role_status_and_admission(admin_client, registry):
    response = admin_client.get(MEMBERS_URL)

    fields = ["registry_number", "name", "category", "role", "status", "admitted_on"]
    headings = [
        str(column.label)
        for name, column in response.context["table"].columns.items()
        if name != "bulk_actions"
    ]
    with translation.override("ru"):
        expected = [capfirst(Member._meta.get_field(f).verbose_name) for f in fields]
    # Then the attendance counts (3.6): registered for, attended, did not come.
    assert headings == [*expected, "Записи на мероприятия", "Посетил(а)", "Не пришёл(-ла)"]

    html = BeautifulSoup(response.content, "html.parser")
    row = next(tr for tr in html.select("table tbody tr") if "Михайлов Олег" in tr.get_text())
    cells = [td.get_text(" ", strip=True) for td in row.find_all("td")][1:]
    member = registry["inspector"]
    # The number is the link to the entry's edit form.
    number_link = row.find_all("td")[1].find("a")
    assert number_link.get_text(strip=True) == str(member.registry_number)
    assert number_link["href"] == edit_url(member)
    assert cells[1] == "Михайлов Олег"
    # Capitalised like every other cell: «Общественный жилищный инспектор».
    assert cells[2] == capfirst(ru(MemberCategory.HOUSING_INSPECTOR.label))
    assert cells[3] == capfirst(ru(MemberRole.DEPUTY_CHAIR.label))
    assert cells[4] == capfirst(ru(MemberStatus.ACTIVE.label))
    with translation.override("ru"):
        assert cells[5] == date_format(member.admitted_on)


@pytest.mark.parametrize(
    ("count", "words"),
    [(1, "1 член клуба"), (3, "3 члена клуба"), (5, "5 членов клуба"), (21, "21 член клуба")],
)
def test_listing_footer_counts_members_in_agreeing_russian(admin_client, count, words):
    MemberFactory.create_batch(count)

    response = admin_client.get(MEMBERS_URL)

    footer = BeautifulSoup(response.content, "html.parser").select_one(".pagination__end")
    assert footer.get_text(strip=True) == words


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "terminated"}, ["Андреев Борис"]),
        ({"status": "active"}, ["Яковлева Анна", "ТСЖ «Родник»", "Михайлов Олег"]),
        ({"role": "chair"}, ["Яковлева Анна"]),
        ({"role": "deputy_chair"}, ["Михайлов Олег"]),
        ({"category": "hoa"}, ["ТСЖ «Родник»"]),
        ({"kind": "organization"}, ["ТСЖ «Родник»"]),
        ({"municipality": "Камышин"}, ["ТСЖ «Родник»"]),
        ({"municipality": "Волжский"}, ["Михайлов Олег"]),
        ({"status": "active", "municipality": "Волгоград"}, ["Яковлева Анна"]),
    ],
)
def test_listing_filters_narrow_the_rows(admin_client, registry, query, expected):
    response = admin_client.get(MEMBERS_URL, query)

    assert response.status_code == 200
    assert listed_names(response) == expected


def test_listing_filters_by_expertise(admin_client, registry):
    housing = Topic.objects.get(slug="kapremont")
    tariffs = Topic.objects.get(slug="tarify")

    by_housing = admin_client.get(MEMBERS_URL, {"expertise": housing.pk})
    by_tariffs = admin_client.get(MEMBERS_URL, {"expertise": tariffs.pk})

    assert listed_names(by_housing) == ["Яковлева Анна", "Михайлов Олег"]
    assert listed_names(by_tariffs) == ["ТСЖ «Родник»", "Михайлов Олег"]


def test_municipality_filter_offers_the_registrys_municipalities(admin_client, registry):
    response = admin_client.get(MEMBERS_URL)

    choices = response.context["filters"].form.fields["municipality"].choices
    assert [value for value, _label in choices if value] == ["Волгоград", "Волжский", "Камышин"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Михайлов", ["Михайлов Олег"]),
        ("михайлов", ["Михайлов Олег"]),
        ("Михай", ["Михайлов Олег"]),
        ("Родник", ["ТСЖ «Родник»"]),
    ],
)
def test_search_by_name(admin_client, registry, query, expected):
    response = admin_client.get(MEMBERS_URL, {"q": query})

    assert response.status_code == 200
    assert sorted(listed_names(response)) == expected


def test_search_by_organisation(admin_client, registry):
    response = admin_client.get(MEMBERS_URL, {"q": "Общественный жилищный контроль"})

    assert listed_names(response) == ["Михайлов Олег"]


def test_search_by_municipality(admin_client, registry):
    response = admin_client.get(MEMBERS_URL, {"q": "Камышин"})

    assert listed_names(response) == ["ТСЖ «Родник»"]


# Export


def csv_rows(response):
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


def test_csv_export_has_a_header_and_exactly_the_filtered_rows(admin_client, registry):
    response = admin_client.get(MEMBERS_URL, {"export": "csv", "status": "active"})

    rows = csv_rows(response)
    header, body = rows[0], rows[1:]
    with translation.override("ru"):
        number_heading = capfirst(Member._meta.get_field("registry_number").verbose_name)
    assert header[0] == number_heading
    assert len(header) == len(set(header))
    assert [row[1] for row in body] == ["Яковлева Анна", "ТСЖ «Родник»", "Михайлов Олег"]
    assert [row[0] for row in body] == [
        str(registry[key].registry_number) for key in ("chair", "hoa", "inspector")
    ]
    assert all(len(row) == len(header) for row in body)


def test_csv_export_is_in_the_editors_admin_language_on_an_english_site(
    admin_client, registry, settings
):
    settings.LANGUAGE_CODE = "en"
    editor = admin_client.get("/admin/").wsgi_request.user
    UserProfile.get_for_user(editor)
    UserProfile.objects.filter(user=editor).update(preferred_language="ru")

    response = admin_client.get(MEMBERS_URL, {"export": "csv", "status": "terminated"})

    [header, row] = csv_rows(response)
    assert header[0] == "Номер в реестре"
    assert ru(MemberStatus.TERMINATED.label) in row


def test_csv_export_shows_choice_labels_not_codes(admin_client, registry):
    response = admin_client.get(MEMBERS_URL, {"export": "csv", "status": "terminated"})

    [_header, row] = csv_rows(response)
    assert row[0] == str(registry["former"].registry_number)
    assert row[1] == "Андреев Борис"
    for label in (
        MemberKind.PERSON.label,
        MemberCategory.OWNER.label,
        MemberRole.MEMBER.label,
        MemberStatus.TERMINATED.label,
        TerminationGround.VOLUNTARY.label,
    ):
        assert ru(label) in row
    for code in ("person", "owner", "member", "terminated", "voluntary"):
        assert code not in row


def test_csv_export_lists_expertise_by_name(admin_client, registry):
    response = admin_client.get(MEMBERS_URL, {"export": "csv", "role": "deputy_chair"})

    [_header, row] = csv_rows(response)
    assert "Капремонт, Тарифы" in row


def test_xlsx_export_is_a_workbook_of_the_filtered_rows(admin_client, registry):
    response = admin_client.get(MEMBERS_URL, {"export": "xlsx", "municipality": "Волгоград"})

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('members-registry.xlsx"')
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(header) == len(body[0])
    assert [(row[0], row[1]) for row in body] == [
        (registry["chair"].registry_number, "Яковлева Анна"),
        (registry["former"].registry_number, "Андреев Борис"),
    ]
    assert ru(MemberCategory.MENTOR.label) in body[0]


# Inspect


def test_inspect_view_shows_the_entry(admin_client, registry):
    member = registry["former"]

    response = admin_client.get(f"{MEMBERS_URL}inspect/{member.pk}/")

    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "Андреев Борис" in text
    assert ru(TerminationGround.VOLUNTARY.label) in text


# The admin menu


def sidebar_menu(response):
    html = BeautifulSoup(response.content, "html.parser")
    props = json.loads(html.find("script", id="wagtail-sidebar-props").string)
    main_menu = next(m for m in props["modules"] if m["_type"] == "wagtail.sidebar.MainMenuModule")
    return main_menu["_args"][0]


def test_admin_menu_groups_the_registry_and_topics_under_case_club(admin_client):
    response = admin_client.get("/admin/")

    groups = [
        item for item in sidebar_menu(response) if item["_type"] == "wagtail.sidebar.SubMenuItem"
    ]
    [case_club] = [
        group
        for group in groups
        if any(child["_args"][0].get("url") == MEMBERS_URL for child in group["_args"][1])
    ]
    assert case_club["_args"][0]["label"] in ("Кейс-клуб", "Case club")
    assert [child["_args"][0]["url"] for child in case_club["_args"][1]] == [
        MEMBERS_URL,
        TOPICS_URL,
        # The coordinators' inboxes (wagtail-modeladmin), in the same group.
        "/admin/caseclub_wagtail/eventregistration/",
        "/admin/caseclub_wagtail/appeal/",
        "/admin/caseclub_wagtail/membershipapplication/",
        "/admin/caseclub_wagtail/proposal/",
        "/admin/caseclub_wagtail/outgoingemail/",
    ]


# Topics


def test_a_topic_with_an_empty_slug_gets_one_from_its_name(admin_client):
    response = admin_client.post(
        f"{TOPICS_URL}add/",
        {"name": "Капитальный ремонт", "slug": "", "description": ""},
    )

    assert response.status_code == 302
    assert Topic.objects.get(name="Капитальный ремонт").slug == "капитальный-ремонт"
