"""Editors tell a case in the Russian admin; visitors find it in the library and follow it."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Site

from caseclub_wagtail.models import CaseStudyIndexPage, CaseStudyPage, EventPage
from tests.e2e.date_picker import fill_date
from tests.e2e.viewports import PHONE
from tests.factories import MemberFactory, TopicFactory, make_case

# The tabs of the case form; Wagtail shows their headings as the catalog has them.
ANALYSIS_TAB = re.compile(r"^\s*анализ\s*$", re.IGNORECASE)
PROGRESS_TAB = re.compile(r"^\s*ход работы и результат\s*$", re.IGNORECASE)
CONTACT_ERROR = (
    "В поле «кратко» есть номер телефона «+7 (8442) 55-12-34». Кейсы публикуются на сайте: "
    "удалите номер."
)


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def case_library() -> CaseStudyIndexPage:
    """The demo's case library if it has one, else a new one under the home page."""
    library = CaseStudyIndexPage.objects.filter(slug="cases").first()
    if library is not None:
        return library
    home = Site.objects.get(is_default_site=True).root_page
    library = CaseStudyIndexPage(title="Библиотека кейсов", slug="cases")
    home.add_child(instance=library)
    library.save_revision().publish()
    return CaseStudyIndexPage.objects.get(pk=library.pk)


def publish(page):
    page.get_by_role("button", name="Больше действий").click()
    page.get_by_role("button", name="Опубликовать", exact=True).click()


def open_new_case_form(page, library):
    page.goto(f"/admin/pages/add/caseclub_wagtail/casestudypage/{library.pk}/")
    expect(page.locator("#id_title")).to_be_visible()


def add_appeal(page, index: int, day: datetime.date, channel: str, summary: str):
    page.locator("#id_appeals-ADD").click()
    fill_date(page, f"#id_appeals-{index}-received_on", f"{day:%Y-%m-%d}")
    page.locator(f"#id_appeals-{index}-channel").select_option(channel)
    page.locator(f"#id_appeals-{index}-summary").fill(summary)


def add_timeline_entry(page, index: int, day: datetime.date, status: str, note: str):
    page.locator("#id_timeline-ADD").click()
    fill_date(page, f"#id_timeline-{index}-date", f"{day:%Y-%m-%d}")
    page.locator(f"#id_timeline-{index}-status").select_option(status)
    page.locator(f"#id_timeline-{index}-note").fill(note)


def add_solution_option(page, title: str, description: str, *, chosen=False):
    """Add an option block at the end of the «варианты решения» StreamField and fill it."""
    field = page.locator("[data-contentpath=solution_options]")
    blocks = field.locator("[data-streamfield-child]")
    count = blocks.count()
    # The stream's own «Вставить блок» buttons, not the rich text editors' ones of that name.
    field.locator(".c-sf-add-button").last.click()
    # With one block type Wagtail inserts it at once; with several it asks which.
    choice = page.get_by_role("option", name="вариант решения")
    expect(blocks.nth(count).or_(choice).first).to_be_visible()
    if choice.is_visible():
        choice.click()
    block = blocks.nth(count)
    expect(block).to_contain_text("вариант решения")
    block.get_by_label("заголовок").fill(title)
    block.locator("[data-contentpath=description] [role=textbox]").click()
    page.keyboard.type(description)
    if chosen:
        block.get_by_label("выбран", exact=True).check()


def read_only_status(page):
    """The case's status as the «Проблема» tab shows it, derived and not editable."""
    return page.get_by_role("textbox", name="Статус", exact=True)


def horizontal_overflow(page) -> int:
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


# Editors


def test_editor_tells_a_case_and_its_status_follows_the_timeline(editor_page):
    page = editor_page
    library = case_library()
    title = "Управляющая компания не чистит кровлю от наледи"
    chosen = "Предписание жилищной инспекции"
    other = "Претензия в управляющую компанию"

    open_new_case_form(page, library)
    page.locator("#id_title").fill(title)
    page.locator("#id_summary").fill(
        "Жильцы пятиэтажного дома месяц просят убрать наледь с кровли над подъездами."
    )
    add_appeal(
        page, 0, days_ago(60), "letter", "Письмо совета дома о наледи и сосульках над входом."
    )

    page.get_by_role("tab", name=ANALYSIS_TAB).click()
    add_solution_option(
        page, other, "Письменная претензия с требованием очистить кровлю в течение трёх дней."
    )
    add_solution_option(
        page, chosen, "Жалоба в инспекцию с фотографиями наледи и ответом компании.", chosen=True
    )

    page.get_by_role("tab", name=PROGRESS_TAB).click()
    add_timeline_entry(page, 0, days_ago(50), "in_progress", "Направлена претензия.")
    add_timeline_entry(page, 1, days_ago(40), "monitoring", "Инспекция выдала предписание.")
    add_timeline_entry(page, 2, days_ago(30), "resolved", "Кровлю очистили, выставили ограждение.")

    publish(page)
    expect(page.locator(".messages")).to_contain_text(title)
    expect(page.locator(".messages")).to_contain_text(re.compile("опубликован", re.IGNORECASE))

    case = CaseStudyPage.objects.get(title=title)
    assert case.live
    assert case.get_parent().pk == library.pk
    assert case.status == "resolved"
    assert case.timeline.count() == 3
    assert [block.value["title"] for block in case.solution_options] == [other, chosen]
    assert [block.value["chosen"] for block in case.solution_options] == [False, True]

    page.goto(f"/admin/pages/{case.pk}/edit/")
    expect(read_only_status(page)).to_have_text("решён")

    page.goto(case.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".caseclub-case__status")).to_have_text("Решён")
    options = page.get_by_role("region", name="Варианты решения")
    chosen_option = options.locator("section").filter(
        has=page.get_by_role("heading", name=chosen, exact=True)
    )
    other_option = options.locator("section").filter(
        has=page.get_by_role("heading", name=other, exact=True)
    )
    expect(chosen_option).to_contain_text("Выбран")
    expect(chosen_option).to_contain_text("Жалоба в инспекцию с фотографиями наледи")
    expect(other_option).to_contain_text("Письменная претензия с требованием")
    expect(other_option).not_to_contain_text("Выбран")

    # A later entry says the result did not hold: the case's status follows it.
    page.goto(f"/admin/pages/{case.pk}/edit/")
    page.get_by_role("tab", name=PROGRESS_TAB).click()
    add_timeline_entry(page, 3, days_ago(10), "unresolved", "Наледь снова нависла над входом.")
    publish(page)
    expect(page.locator(".messages")).to_contain_text(title)
    expect(page.locator(".messages")).to_contain_text(re.compile("опубликован", re.IGNORECASE))

    case.refresh_from_db()
    assert case.status == "unresolved"
    assert case.timeline.count() == 4
    page.goto(f"/admin/pages/{case.pk}/edit/")
    expect(read_only_status(page)).to_have_text("не решён")
    page.goto(case.url)
    expect(page.locator(".caseclub-case__status")).to_have_text("Не решён")
    timeline = page.get_by_role("region", name="Хронология мониторинга").get_by_role("listitem")
    expect(timeline).to_have_count(4)
    expect(timeline.last).to_contain_text("Наледь снова нависла над входом.")


def test_an_appeal_with_a_phone_number_is_refused(editor_page):
    page = editor_page
    library = case_library()
    title = "Нет горячей воды в доме на Ангарской"

    open_new_case_form(page, library)
    page.locator("#id_title").fill(title)
    page.locator("#id_summary").fill("Третью неделю в доме нет горячей воды.")
    add_appeal(
        page, 0, days_ago(5), "phone", "Звонила жительница, перезвонить: +7 (8442) 55-12-34."
    )
    publish(page)

    expect(page.locator(".messages")).to_contain_text(
        "Страница не может быть создана из-за ошибок при проверке."
    )
    summary_field = page.locator("[data-field-wrapper]").filter(
        has=page.locator("#id_appeals-0-summary")
    )
    expect(summary_field).to_contain_text(CONTACT_ERROR)
    expect(page).to_have_url(re.compile(r"/admin/pages/add/caseclub_wagtail/casestudypage/\d+/$"))
    assert not CaseStudyPage.objects.filter(title=title).exists()


# Visitors


def story_case(library, topic, **fields):
    """A case told in full: problem, appeals, options, timeline, result, lessons and team."""
    return make_case(
        library,
        fields.pop("title", "Двор перекрыли шлагбаумом без решения собрания"),
        summary=fields.pop(
            "summary",
            "Управляющая компания поставила шлагбаум во дворе, не спросив собственников.",
        ),
        problem="<p>Скорая помощь и пожарные не могут проехать во двор ночью.</p>",
        municipality="Волжский",
        appeals=[(days_ago(90), "letter", "Коллективное письмо жильцов трёх подъездов.")],
        timeline=[
            (days_ago(80), "in_progress", "Запросили протокол общего собрания."),
            (days_ago(40), "resolved", "Шлагбаум демонтирован по предписанию инспекции."),
        ],
        solution_options=[
            (
                "option",
                {
                    "title": "Жалоба в жилищную инспекцию",
                    "description": "<p>Шлагбаум поставлен без решения общего собрания.</p>",
                    "legal_basis": "Статьи 36 и 44 Жилищного кодекса Российской Федерации",
                    "chosen": True,
                },
            )
        ],
        result="achieved",
        outcome="<p>Проезд во двор свободен.</p>",
        lessons="<p>Ограждение двора решает только общее собрание.</p>",
        team=[(MemberFactory(public_profile=True), "mentor")],
        topics=[topic],
        **fields,
    )


def related_event(case) -> EventPage:
    """A demo event, republished with ``case`` among the cases discussed at it."""
    event = EventPage.objects.live().order_by("pk").first()
    event.related_cases = [*event.related_cases.all(), case]
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


def test_visitor_filters_searches_and_follows_a_case_to_its_event(page, demo):
    library = case_library()
    repairs = TopicFactory(name="Ремонт подъездов")
    yards = TopicFactory(name="Дворы и парковки")
    worked = [(days_ago(60), "in_progress", "Работа начата.")]
    solved = [*worked, (days_ago(20), "resolved", "Работы приняты.")]
    stairs = make_case(
        library, "Подъезд не ремонтировали двадцать лет", timeline=solved, topics=[repairs]
    )
    mailboxes = make_case(
        library, "Сломаны почтовые ящики в подъезде", timeline=solved, topics=[repairs]
    )
    make_case(library, "Протекает крыша над лестничной клеткой", timeline=worked, topics=[repairs])
    make_case(library, "Во дворе нет детской площадки", timeline=solved, topics=[yards])
    barrier = story_case(library, yards)
    assert barrier.status == "resolved"
    event = related_event(barrier)

    page.goto(library.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(library.title)
    filters = page.get_by_role("search", name="Поиск кейсов")
    filters.get_by_label("Тема", exact=True).select_option(repairs.slug)
    filters.get_by_label("Статус", exact=True).select_option("resolved")
    filters.get_by_role("button", name="Показать").click()
    expect(page).to_have_url(re.compile(rf"[?&]topic={repairs.slug}(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]status=resolved(&|$)"))

    main = page.get_by_role("main")
    expect(main.locator(".caseclub-case-card__title")).to_have_text(
        [mailboxes.title, stairs.title]  # newest first
    )
    expect(main.get_by_role("status")).to_have_text("Найдено 2 кейса")
    # Each chosen value is labelled with the number of cases it shows with the other filter.
    expect(filters.get_by_label("Тема", exact=True).locator("option:checked")).to_have_text(
        f"{repairs.name} (2)"
    )
    expect(filters.get_by_label("Статус", exact=True).locator("option:checked")).to_have_text(
        "Решён (2)"
    )

    page.goto(library.url)
    filters.get_by_label("Поиск по кейсам").fill("шлагбаум")
    filters.get_by_role("button", name="Показать").click()
    expect(page).to_have_url(re.compile(r"[?&]q=%D1%88"))
    expect(main.locator(".caseclub-case-card__title")).to_have_text([barrier.title])

    main.get_by_role("link", name=barrier.title).click()
    expect(page).to_have_url(re.compile(re.escape(barrier.url) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(barrier.title)
    for heading in (
        "Проблема",
        "Обращения",
        "Варианты решения",
        "Хронология мониторинга",
        "Результат",
        "Уроки",
    ):
        expect(main.get_by_role("heading", name=heading, exact=True, level=2)).to_be_visible()
    expect(page.locator(".caseclub-case__status")).to_have_text("Решён")
    expect(main.get_by_role("region", name="Результат")).to_contain_text(
        "выбранный вариант: Жалоба в жилищную инспекцию"
    )

    discussed = page.get_by_role("region", name="Обсуждался на мероприятиях")
    discussed.get_by_role("link", name=event.title).click()
    expect(page).to_have_url(re.compile(re.escape(event.url) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title)
    cases = page.get_by_role("region", name="Обсуждавшиеся кейсы")
    expect(cases.get_by_role("link", name=barrier.title)).to_be_visible()


def test_the_library_and_a_case_fit_a_phone(page, demo):
    library = case_library()
    topic = TopicFactory(name="Содержание общего имущества многоквартирного дома")
    barrier = story_case(library, topic)
    make_case(library, "Не работает лифт", topics=[topic], related=[barrier])
    related_event(barrier)

    page.set_viewport_size(PHONE)
    paths = {
        "library": library.url,
        "library-filtered": f"{library.url}?topic={topic.slug}&status=resolved&q=шлагбаум",
        "case": barrier.url,
    }
    for name, path in paths.items():
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert horizontal_overflow(page) <= 0, f"{name} ({path}) scrolls sideways"
        main = page.locator("main").bounding_box()
        assert main["x"] >= 0 and main["x"] + main["width"] <= PHONE["width"], name
