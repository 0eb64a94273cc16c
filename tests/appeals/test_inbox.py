"""The coordinators' inbox of appeals: listing, filters, export, inspect and the actions."""

import csv
import datetime
import io

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib import messages
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import timezone
from wagtail.models import GroupPagePermission

from caseclub_wagtail.models import Appeal, CaseStudyPage
from tests.factories import (
    AppealFactory,
    TopicFactory,
    admin_user,
    attach,
    make_case,
    make_case_library,
)
from tests.support.queries import count_queries, refresh_planner_statistics

pytestmark = pytest.mark.clock
INBOX_URL = "/admin/caseclub_wagtail/appeal/"
SUMMARY = "Жильцы сообщают о протечке кровли после капитального ремонта."


def action_url(action, appeal):
    return f"{INBOX_URL}{action}/{appeal.pk}/"


def listed(response):
    return [appeal.name for appeal in response.context["object_list"]]


def shown_messages(response, level):
    return [str(m).strip() for m in response.context["messages"] if m.level == level]


@pytest.fixture
def appeals(db):
    roof = TopicFactory(name="Кровля", slug="roof")
    heat = TopicFactory(name="Отопление", slug="heating")
    now = timezone.now()
    return {
        "maria": AppealFactory(
            name="Соколова Мария", email="maria@example.org", topic=roof, municipality="Волжский"
        ),
        "ivan": AppealFactory(
            name="Иванов Иван",
            email="",
            phone="+79175554433",
            topic=heat,
            municipality="Волгоград",
            status="accepted",
        ),
        "olga": AppealFactory(
            name="Ольгина Ольга",
            municipality="Волгоград",
            status="rejected",
            created_at=now - datetime.timedelta(days=62),
            closed_at=now - datetime.timedelta(days=60),
        ),
    }


@pytest.fixture
def coordinator(db):
    """A client of a user who may see and work the inbox (view and change)."""
    client = Client()
    client.force_login(admin_user("view_appeal", "change_appeal", username="coord"))
    return client


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["Соколова Мария", "Иванов Иван", "Ольгина Ольга"]),
        ({"status": "accepted"}, ["Иванов Иван"]),
        ({"topic": "roof"}, ["Соколова Мария"]),
        ({"municipality": "Волгоград"}, ["Иванов Иван", "Ольгина Ольга"]),
        ({"municipality": "Волгоград", "status": "rejected"}, ["Ольгина Ольга"]),
        ({"q": "5554433"}, ["Иванов Иван"]),
        ({"q": "maria@example"}, ["Соколова Мария"]),
    ],
)
def test_filters_and_search_narrow_the_list(admin_client, appeals, query, expected):
    response = admin_client.get(INBOX_URL, query)

    assert response.status_code == 200
    assert sorted(listed(response)) == sorted(expected)


def test_the_month_received_filter(admin_client, appeals):
    this_month = f"{timezone.localdate():%Y-%m}"
    earlier = f"{timezone.localdate(appeals['olga'].created_at):%Y-%m}"

    assert sorted(listed(admin_client.get(INBOX_URL, {"received": this_month}))) == [
        "Иванов Иван",
        "Соколова Мария",
    ]
    assert listed(admin_client.get(INBOX_URL, {"received": earlier})) == ["Ольгина Ольга"]


def test_the_filters_offer_only_the_topics_and_places_appeals_have(admin_client, appeals):
    TopicFactory(name="Мусор", slug="waste")
    page = BeautifulSoup(admin_client.get(INBOX_URL).content, "html.parser")
    links = [a["href"] for a in page.select(".changelist-filter a")]

    assert "?topic=roof" in links and "?topic=heating" in links
    assert "?topic=waste" not in links
    assert sum("municipality=" in link for link in links) == 2


@pytest.mark.parametrize(
    "query",
    [
        {"status": "lost"},
        {"received": "2026-13"},
        {"received": "весной"},
        {"email__regex": ".*"},
        {"attachments__file__startswith": "a"},
    ],
)
def test_a_bad_filter_is_a_400_with_a_message(admin_client, appeals, query):
    response = admin_client.get(INBOX_URL, query)

    assert response.status_code == 400
    assert "не может принять" in response.content.decode()


def test_the_csv_and_xlsx_exports_hold_the_filtered_appeals(admin_client, appeals):
    response = admin_client.get(INBOX_URL, {"municipality": "Волжский", "export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    workbook = admin_client.get(INBOX_URL, {"status": "accepted", "export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(workbook.streaming_content))).active

    assert rows[0][:4] == ["Номер обращения", "Получено", "Статус", "Имя"]
    assert [row[3] for row in rows[1:]] == ["Соколова Мария"]
    assert rows[1][2] == "новое"
    assert rows[1][8] == "Кровля"
    assert [row[3] for row in list(sheet.values)[1:]] == ["Иванов Иван"]


def test_the_inspect_view_shows_the_appeal_and_links_its_files(coordinator, appeals):
    maria = appeals["maria"]
    scan = attach(maria, name="Акт осмотра.pdf")

    response = coordinator.get(action_url("inspect", maria))

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    link = page.find("a", string="Акт осмотра.pdf")
    assert link["href"] == action_url("attachment", scan)
    assert "maria@example.org" in page.text


def test_the_inspect_view_of_a_linked_appeal_links_its_case_for_editing(coordinator, db):
    case = make_case(make_case_library(), title="Протечка кровли")
    appeal = AppealFactory(status="linked", case=case)

    page = BeautifulSoup(coordinator.get(action_url("inspect", appeal)).content, "html.parser")

    assert page.find("a", string="Протечка кровли")["href"] == f"/admin/pages/{case.pk}/edit/"


def test_a_file_is_served_as_a_download_only_to_those_who_may_view_appeals(coordinator, appeals):
    scan = attach(appeals["maria"], name="Акт осмотра.pdf")

    response = coordinator.get(action_url("attachment", scan))

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    for client in (Client(), login(admin_user("view_member", username="editor"))):
        refused = client.get(action_url("attachment", scan))
        assert refused.status_code in (302, 403)
        assert b"%PDF" not in refused.content


def test_an_unknown_or_purged_file_is_a_404(coordinator, appeals):
    scan = attach(appeals["maria"])
    scan.file.storage.delete(scan.file.name)

    assert coordinator.get(action_url("attachment", scan)).status_code == 404
    assert coordinator.get(f"{INBOX_URL}attachment/abc/").status_code == 404
    assert coordinator.get(f"{INBOX_URL}attachment/99999/").status_code == 404


def login(user):
    client = Client()
    client.force_login(user)
    return client


def test_without_the_view_permission_nobody_sees_appeals(appeals):
    client = login(admin_user("change_appeal", username="clerk"))
    maria = appeals["maria"]

    for url in (INBOX_URL, INBOX_URL + "?export=csv", action_url("inspect", maria)):
        response = client.get(url)
        assert response.status_code == 302, url
        assert b"maria@example.org" not in response.content


def test_the_listing_offers_only_the_actions_an_appeal_still_allows(coordinator, appeals):
    page = BeautifulSoup(coordinator.get(INBOX_URL).content, "html.parser")

    def actions(appeal):
        row = next(tr for tr in page.select("tbody tr") if appeal.name in tr.text)
        return [a["href"].split("/")[-3] for a in row.select("a") if "/inspect/" not in a["href"]]

    assert actions(appeals["maria"]) == ["accept", "reject", "create_case", "link_case"]
    assert actions(appeals["ivan"]) == ["reject", "create_case", "link_case"]
    assert actions(appeals["olga"]) == []


def test_a_coordinator_accepts_with_a_note_and_returns_to_the_filtered_list(coordinator, appeals):
    maria = appeals["maria"]

    form = coordinator.get(action_url("accept", maria), {"next": "?status=new"})
    response = coordinator.post(
        action_url("accept", maria),
        {"note": "Звонить после 18:00", "next": "?status=new"},
        follow=True,
    )

    assert form.status_code == 200
    assert response.redirect_chain[-1][0] == INBOX_URL + "?status=new"
    assert len(shown_messages(response, messages.SUCCESS)) == 1
    maria.refresh_from_db()
    assert (maria.status, maria.note) == ("accepted", "Звонить после 18:00")


def test_an_action_is_a_post_and_never_follows_an_address_elsewhere(coordinator, appeals):
    maria = appeals["maria"]

    response = coordinator.post(
        action_url("reject", maria), {"note": "", "next": "https://evil.example/"}
    )

    assert response["Location"] == INBOX_URL
    maria.refresh_from_db()
    assert maria.status == "rejected"


def test_a_decided_appeal_shows_why_it_cannot_change(coordinator, appeals):
    olga = appeals["olga"]

    shown = coordinator.get(action_url("accept", olga))
    response = coordinator.post(action_url("reject", olga), {"note": "x"}, follow=True)

    assert shown.status_code == 200
    assert not BeautifulSoup(shown.content, "html.parser").select("textarea[name=note]")
    assert shown_messages(response, messages.ERROR)
    olga.refresh_from_db()
    assert olga.note == ""


def test_only_users_who_may_change_appeals_act(appeals):
    viewer = login(admin_user("view_appeal", username="viewer"))
    maria = appeals["maria"]

    assert viewer.get(action_url("accept", maria)).status_code in (302, 403)
    assert viewer.post(action_url("reject", maria), {"note": ""}).status_code in (302, 403)
    maria.refresh_from_db()
    assert maria.status == "new"


def editor_of(library, username="casecoord"):
    """A coordinator who may also add and publish pages under ``library``."""
    user = admin_user("view_appeal", "change_appeal", username=username)
    group = Group.objects.create(name=f"Редакторы {username}")
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=library,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    user.groups.add(group)
    return login(user)


def test_a_draft_case_is_made_under_a_library_the_coordinator_may_add_to(appeals):
    ours, theirs = make_case_library(), make_case_library(slug="other", title="Чужая")
    client = editor_of(ours)
    maria = appeals["maria"]

    form = client.get(action_url("create_case", maria))
    offered = [
        o["value"]
        for o in BeautifulSoup(form.content, "html.parser").select("select[name=library] option")
        if o["value"]
    ]
    refused = client.post(
        action_url("create_case", maria), {"library": theirs.pk, "summary": SUMMARY}
    )
    response = client.post(
        action_url("create_case", maria), {"library": ours.pk, "summary": SUMMARY}, follow=True
    )

    assert offered == [str(ours.pk)]
    assert refused.status_code == 400
    case = CaseStudyPage.objects.get()
    assert case.get_parent().pk == ours.pk and not case.live
    assert shown_messages(response, messages.SUCCESS)
    maria.refresh_from_db()
    assert (maria.status, maria.case_id) == ("linked", case.pk)


def test_a_summary_naming_the_citizen_is_refused_beside_the_field(appeals):
    library = make_case_library()
    client = editor_of(library)

    response = client.post(
        action_url("create_case", appeals["maria"]),
        {"library": library.pk, "summary": "Позвоните жительнице: +7 917 555-44-33"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors["summary"]
    assert "+7 917 555-44-33" in response.content.decode()  # what was typed stays
    assert not CaseStudyPage.objects.exists()


def test_linking_to_a_case_grows_its_appeal_count_by_one(appeals):
    library = make_case_library()
    case = make_case(library, appeals=[(datetime.date(2026, 3, 1), "letter", "Письмо.")])
    client = editor_of(library)

    response = client.post(
        action_url("link_case", appeals["ivan"]), {"case": case.pk, "summary": SUMMARY}
    )

    assert response.status_code == 302
    assert CaseStudyPage.objects.get(pk=case.pk).appeals.count() == 2
    api = client.get(f"/api/caseclub/cases/{case.pk}/")
    assert api.status_code == 200 and len(api.json()["appeals"]) == 2


def test_the_link_form_offers_a_chooser_not_every_case(appeals):
    library = make_case_library()
    cases = [make_case(library, f"Кейс номер {n}") for n in range(12)]
    client = editor_of(library)

    response = client.get(action_url("link_case", appeals["ivan"]))

    assert response.status_code == 200
    text = response.content.decode()
    assert not any(case.title in text for case in cases)
    assert 'data-controller="w-chooser"' in text or "page-chooser" in text


def test_linking_to_a_case_the_coordinator_may_not_edit_is_refused(coordinator, appeals):
    case = make_case(make_case_library())

    response = coordinator.post(
        action_url("link_case", appeals["ivan"]), {"case": case.pk, "summary": SUMMARY}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["case"]
    assert CaseStudyPage.objects.get(pk=case.pk).appeals.count() == 0


@pytest.mark.parametrize("pk", ["abc", "999999"])
def test_an_unknown_appeal_is_a_404(coordinator, appeals, pk):
    for action in ("inspect", "accept", "reject", "create_case", "link_case"):
        assert coordinator.get(f"{INBOX_URL}{action}/{pk}/").status_code == 404, action


def test_listing_queries_do_not_grow_with_the_rows(coordinator, appeals):
    roof = appeals["maria"].topic
    Appeal.objects.bulk_create(
        AppealFactory.build(name=f"Н {n}", number=100 + n, topic=roof) for n in range(10)
    )
    ten, _ = count_queries(coordinator, INBOX_URL)
    Appeal.objects.bulk_create(
        AppealFactory.build(name=f"Т {n}", number=1000 + n, municipality=f"М{n % 7}")
        for n in range(300)
    )
    refresh_planner_statistics()
    many, _ = count_queries(coordinator, INBOX_URL)

    assert ten == many
