"""Editors schedule events in the Russian admin; visitors find them and take them home."""

import datetime
import re
import zoneinfo

from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from caseclub_wagtail.models import EventIndexPage, EventOccurrence, EventPage
from tests.e2e.date_picker import fill_date

# Tabs and labels of the event form are matched in Russian, with the English source
# text as a fallback for as long as the catalog lacks them.
REPETITION_TAB = re.compile(r"^\s*(Повторение|repetition)\s*$", re.IGNORECASE)


def local_day(occurrence) -> datetime.date:
    """The day an occurrence falls on in its event's own zone."""
    return occurrence.start.astimezone(zoneinfo.ZoneInfo(occurrence.event.time_zone)).date()


def russian_date(day: datetime.date) -> str:
    """A date as the Russian site writes it, e.g. «10 декабря 2026 г.»."""
    with translation.override("ru"):
        return date_format(day, "DATE_FORMAT")


def russian_month(day: datetime.date) -> str:
    """A month as the Russian month grid names it, e.g. «Декабрь 2026»."""
    with translation.override("ru"):
        return date_format(day, "YEAR_MONTH_FORMAT")


def next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def publish(page):
    page.get_by_role("button", name="Больше действий").click()
    page.get_by_role("button", name="Опубликовать", exact=True).click()


# Editors


def test_editor_creates_a_weekly_event_and_cancels_one_date(editor_page):
    page = editor_page
    index = EventIndexPage.objects.get(slug="events")
    today = timezone.localdate()
    # A Tuesday at least a week ahead, so every date of the series is still to come.
    first = today + datetime.timedelta(days=7 + (1 - today.weekday()) % 7)
    cancelled = first + datetime.timedelta(weeks=2)
    title = "Приём граждан по вопросам капремонта"

    page.goto(f"/admin/pages/{index.pk}/")
    page.get_by_role("link", name=re.compile("Добавить дочернюю страницу")).first.click()
    page.wait_for_url(re.compile(r"/admin/pages/add/caseclub_wagtail/eventpage/\d+/$"))

    page.locator("#id_title").fill(title)
    page.locator("#id_kind").select_option("other")
    fill_date(page, "#id_start", f"{first:%Y-%m-%d} 17:00")
    fill_date(page, "#id_end", f"{first:%Y-%m-%d} 19:00")
    page.locator("#id_venue_name").fill("Коворкинг-пространство Ресурсного центра")
    page.locator("#id_summary").fill(
        "Юрист клуба отвечает на вопросы собственников о взносах на капремонт."
    )

    page.get_by_role("tab", name=REPETITION_TAB).click()
    page.locator("#id_repeat").select_option("weekly")
    page.locator("#id_repeat_count").fill("6")
    page.locator("#id_occurrence_changes-ADD").click()
    fill_date(page, "#id_occurrence_changes-0-original_date", f"{cancelled:%Y-%m-%d}")
    page.locator("#id_occurrence_changes-0-action").select_option("cancel")
    page.locator("#id_occurrence_changes-0-note").fill("Праздничный день — приёма не будет.")

    publish(page)
    expect(page.locator(".messages")).to_contain_text(title)
    expect(page.locator(".messages")).to_contain_text(re.compile("опубликован", re.IGNORECASE))

    event = EventPage.objects.get(title=title)
    assert event.live
    assert event.local_start.replace(tzinfo=None) == datetime.datetime.combine(
        first, datetime.time(17)
    )
    stored = EventOccurrence.objects.filter(event=event).order_by("start")
    assert stored.count() == 6
    assert [local_day(o) for o in stored if o.is_cancelled] == [cancelled]

    page.goto(event.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    dates = page.get_by_role("main").get_by_role("listitem")
    row = dates.filter(has_text=russian_date(cancelled))
    expect(row).to_have_count(1)
    expect(row).to_contain_text(re.compile("Отменено", re.IGNORECASE))
    expect(row).to_contain_text("Праздничный день — приёма не будет.")
    # The other dates of the series stay scheduled.
    other = dates.filter(has_text=russian_date(first + datetime.timedelta(weeks=1)))
    expect(other).to_have_count(1)
    expect(other).not_to_contain_text(re.compile("Отменено", re.IGNORECASE))


# Visitors


def test_visitor_filters_upcoming_events_by_kind(page, demo):
    page.goto("/events/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Мероприятия")
    main = page.get_by_role("main")
    expect(main.get_by_text("Заседание Кейс-клуба").first).to_be_visible()

    kind = page.locator("select[name=kind]")
    kind.select_option("master_class")
    kind.locator("xpath=ancestor::form").locator("[type=submit]").click()
    expect(page).to_have_url(re.compile(r"[?&]kind=master_class"))
    expect(main.get_by_role("link", name="Как проверить начисления за отопление")).to_be_visible()
    expect(main.get_by_role("link", name="Капремонт: приёмка работ")).to_be_visible()
    expect(main.get_by_role("link", name="Заседание Кейс-клуба")).to_have_count(0)
    expect(
        main.get_by_role("link", name="Стажировка общественных жилищных инспекторов")
    ).to_have_count(0)
    # The past master class is in the past list, not among the upcoming ones.
    expect(main.get_by_role("link", name="Общее собрание собственников без ошибок")).to_have_count(
        0
    )


def test_visitor_browses_the_month_grid_and_downloads_an_event(page, demo):
    today = timezone.localdate()
    following = next_month(today)
    meeting = EventPage.objects.get(slug="club-meeting")
    # The meeting of next month moved a week later; the grid shows it on its new date.
    moved = meeting.occurrences.get(is_moved=True)
    assert local_day(moved).month == following.month

    page.goto("/events/")
    page.get_by_role("main").locator('a[href$="/events/calendar/"]').first.click()
    expect(page).to_have_url(re.compile(r"/events/calendar/$"))
    expect(page.get_by_role("main")).to_contain_text(russian_month(today))

    page.locator(f'a[href$="/events/calendar/{following.year}/{following.month}/"]').first.click()
    expect(page).to_have_url(re.compile(rf"/events/calendar/{following.year}/{following.month}/$"))
    main = page.get_by_role("main")
    expect(main).to_contain_text(russian_month(following))
    moved_day = page.get_by_role("cell").filter(
        has=page.locator(f'time[datetime="{local_day(moved):%Y-%m-%d}"]')
    )
    expect(moved_day).to_contain_text(russian_date(local_day(moved)))
    link = moved_day.get_by_role("link", name="Заседание Кейс-клуба")
    expect(link).to_be_visible()
    link.click()

    expect(page).to_have_url(re.compile(r"/events/club-meeting/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Заседание Кейс-клуба")
    with page.expect_download() as download_info:
        page.locator('a[href$="/events/club-meeting/ical/"]').first.click()
    download = download_info.value
    assert download.suggested_filename == "club-meeting.ics"
    with open(download.path(), encoding="utf-8") as handle:
        text = handle.read()
    assert text.startswith("BEGIN:VCALENDAR")
    unfolded = text.replace("\r\n ", "").replace("\n ", "")
    assert "SUMMARY:Заседание Кейс-клуба" in unfolded
    assert "RRULE:" in unfolded
