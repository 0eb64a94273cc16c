"""A coordinator works the registrations' inbox in the Russian Wagtail admin."""

import csv
import datetime
import re

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from caseclub_wagtail.models import EventRegistration
from tests.factories import make_event, make_event_index, registration

PASSWORD = "coordinator-pw"


def test_a_coordinator_exports_a_dates_attendance_list_and_marks_who_came(
    page, live_server, django_user_model
):
    meeting = make_event(
        make_event_index(),
        "Заседание клуба",
        datetime.datetime(2026, 12, 3, 18, 0),
        repeat="weekly",
        repeat_count=4,
    )
    anna = registration(meeting, datetime.date(2026, 12, 3), name="Иванова Анна")
    registration(meeting, datetime.date(2026, 12, 3), name="Борисов Борис", status="waitlisted")
    registration(meeting, datetime.date(2026, 12, 10), name="Верина Вера")
    user = django_user_model.objects.create_user("coord", "coord@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Координаторы Кейс-клуба"))

    page.goto("/admin/login/")
    page.locator("#id_username").fill("coord")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.get_by_role("button", name="Кейс-клуб").click()
    page.get_by_role("link", name="Записи на мероприятия").click()
    expect(page.get_by_role("row").filter(has_text="Верина Вера")).to_have_count(1)

    page.get_by_role("link", name="3 декабря 2026 г.").click()
    page.wait_for_url(re.compile(r"date=2026-12-03"))
    expect(page.get_by_role("row").filter(has_text="Верина Вера")).to_have_count(0)

    page.get_by_role("button", name="Больше действий").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("CSV")).click()
    with open(download_info.value.path(), encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(row["Имя"] for row in rows) == ["Борисов Борис", "Иванова Анна"]
    assert {row["Дата"] for row in rows} == {"2026-12-03"}

    anna_row = page.get_by_role("row").filter(has_text="Иванова Анна")
    anna_row.get_by_role("button", name="Посетил(а)").click()
    expect(page.locator(".messages")).to_contain_text("Иванова Анна · 2026-12-03: пришёл(-ла).")
    assert re.search(r"date=2026-12-03", page.url)
    anna.refresh_from_db()
    assert anna.status == "attended"
    assert EventRegistration.objects.get(name="Борисов Борис").status == "waitlisted"
