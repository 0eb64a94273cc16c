"""The case page, as a visitor reads it: a story from the problem to the lessons."""

import datetime
import html
import json
import re
import zoneinfo

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import capfirst
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from caseclub_wagtail.models import (
    CaseResult,
    CaseStatus,
    CaseStudyPage,
    CaseTimelineEntry,
    EventIndexPage,
    EventPage,
)
from tests.factories import (
    MemberFactory,
    TopicFactory,
    make_case,
    make_case_library,
    make_event,
    make_event_index,
)
from tests.support.queries import count_queries

D = datetime.date
JSON_LD = re.compile(r'<script type="application/ld\+json">(?P<data>.*?)</script>', re.S)


def translated(message, **params):
    """``message`` as a visitor of the (Russian-language) site reads it."""
    with translation.override("ru"):
        text = translation.gettext(message)
    return text % params if params else text


def russian(value):
    """A lazily translated label, in Russian."""
    with translation.override("ru"):
        return str(value)


def russian_date(day, format_name="DATE_FORMAT"):
    with translation.override("ru"):
        return date_format(day, format_name)


def get_html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def soup_of(text):
    return BeautifulSoup(text, "html.parser")


def json_ld(text):
    (data,) = [json.loads(m["data"]) for m in JSON_LD.finditer(text)]
    return data


def section(text, heading_id):
    """The section of the page labelled by the heading with ``heading_id``."""
    found = soup_of(text).find("section", attrs={"aria-labelledby": heading_id})
    assert found is not None, heading_id
    return found


def reload(case):
    return CaseStudyPage.objects.get(pk=case.pk)


def option(title, *, recommended=False, chosen=False):
    return (
        "option",
        {
            "title": title,
            "description": RichText(f"<p>{title}: как действовать.</p>"),
            "legal_basis": "ЖК РФ, ст. 182",
            "pros": "Быстро",
            "cons": "Нужны доказательства",
            "recommended": recommended,
            "chosen": chosen,
        },
    )


def scenario(title, likelihood):
    return (
        "scenario",
        {
            "title": title,
            "description": RichText(f"<p>{title}: описание сценария.</p>"),
            "likelihood": likelihood,
            "consequences": f"Последствия: {title.lower()}",
        },
    )


@pytest.fixture
def library(db):
    return make_case_library()


@pytest.fixture
def story(library):
    """A case with every part of its story filled in."""
    return make_case(
        library,
        "Протекает кровля после капремонта",
        summary="Кровля протекает над пятым этажом.",
        problem="<p>Подрядчик не устраняет дефекты по гарантии.</p>",
        municipality="Волжский",
        appeals=[
            (D(2025, 2, 10), "letter", "Письмо совета дома о протечках."),
            (D(2025, 1, 20), "in_person", "Жильцы пришли на приём с фотографиями."),
            (D(2025, 3, 1), "website", "Повторное обращение через сайт."),
        ],
        scenarios=[
            scenario("Подрядчик устранит сам", "low"),
            scenario("Дойдёт до суда", "high"),
        ],
        solution_options=[
            option("Претензия подрядчику", recommended=True),
            option("Жалоба в жилинспекцию", chosen=True),
            option("Иск в суд"),
        ],
        timeline=[
            (D(2025, 2, 1), "in_progress", "Составлен акт осмотра."),
            (D(2025, 6, 15), "resolved", "Кровля отремонтирована."),
            (D(2025, 3, 10), "monitoring", "Подрядчик приступил к ремонту."),
        ],
        result=CaseResult.ACHIEVED,
        outcome="<p>Ремонт выполнен за счёт подрядчика.</p>",
        lessons="<p>Фиксируйте протечки актом в день обнаружения.</p>",
        topics=[TopicFactory(name="Капитальный ремонт", slug="kapremont")],
    )


# The story


def test_the_story_is_told_in_order(client, story):
    text = get_html(client, story.url)

    story_part = soup_of(text).find(class_="caseclub-case__story")
    headings = [(h2["id"], h2.get_text(strip=True)) for h2 in story_part.find_all("h2")]
    assert headings == [
        ("caseclub-problem", translated("The problem")),
        ("caseclub-appeals", translated("Appeals")),
        ("caseclub-scenarios", translated("Scenarios")),
        ("caseclub-options", translated("Solution options")),
        ("caseclub-timeline", translated("Monitoring timeline")),
        ("caseclub-result", translated("Result")),
        ("caseclub-lessons", translated("Lessons")),
    ]
    positions = [
        text.index(part)
        for part in (
            "Подрядчик не устраняет дефекты по гарантии.",
            "Жильцы пришли на приём с фотографиями.",
            "Подрядчик устранит сам",
            "Претензия подрядчику",
            "Составлен акт осмотра.",
            "Ремонт выполнен за счёт подрядчика.",
            "Фиксируйте протечки актом в день обнаружения.",
        )
    ]
    assert positions == sorted(positions)


def test_the_header_shows_status_municipality_appeals_and_result(client, story):
    text = get_html(client, story.url)

    header = soup_of(text).find(class_="caseclub-case__header")
    assert header.find(class_="caseclub-case__status").get_text(strip=True) == capfirst(
        russian(CaseStatus.RESOLVED.label)
    )
    assert header.h1.get_text(strip=True) == "Протекает кровля после капремонта"
    assert "Кровля протекает над пятым этажом." in header.get_text()
    facts = header.find(class_="caseclub-facts").get_text(" ", strip=True)
    assert "Волжский" in facts
    assert capfirst(russian(CaseResult.ACHIEVED.label)) in facts
    assert "3" in facts and russian_date(D(2025, 1, 20)) in facts


def test_the_appeals_are_listed_earliest_first(client, story):
    appeals = section(get_html(client, story.url), "caseclub-appeals")

    items = appeals.find_all("li")
    assert len(items) == 3
    assert [item.time["datetime"] for item in items] == ["2025-01-20", "2025-02-10", "2025-03-01"]
    assert russian_date(D(2025, 1, 20)) in items[0].get_text()
    assert "Жильцы пришли на приём с фотографиями." in items[0].get_text()
    with translation.override("ru"):
        assert capfirst(translation.gettext("in person")) in items[0].get_text()


def test_a_case_without_appeals_says_none_were_recorded(client, library):
    case = make_case(library, "Без обращений")

    text = get_html(client, case.url)

    assert translated("none recorded") in text
    assert 'id="caseclub-appeals"' not in text


def test_scenarios_show_their_likelihood(client, story):
    scenarios = section(get_html(client, story.url), "caseclub-scenarios")

    blocks = scenarios.find_all(class_="caseclub-scenario")
    assert [block.h3.get_text(strip=True) for block in blocks] == [
        "Подрядчик устранит сам",
        "Дойдёт до суда",
    ]
    assert translated("low") in blocks[0].get_text()
    assert translated("high") in blocks[1].get_text()
    assert "Последствия: дойдёт до суда" in blocks[1].get_text()


def test_options_mark_the_recommended_and_the_chosen_one(client, story):
    text = get_html(client, story.url)

    options = section(text, "caseclub-options").find_all(class_="caseclub-option")
    marks = [
        (
            block.h3.get_text(strip=True),
            "caseclub-option--recommended" in block["class"],
            "caseclub-option--chosen" in block["class"],
            [mark.get_text(strip=True) for mark in block.find_all(class_="caseclub-mark")],
        )
        for block in options
    ]
    assert marks == [
        ("Претензия подрядчику", True, False, [translated("Recommended by the club")]),
        ("Жалоба в жилинспекцию", False, True, [translated("Chosen")]),
        ("Иск в суд", False, False, []),
    ]
    assert "ЖК РФ, ст. 182" in options[0].get_text()
    result = section(text, "caseclub-result").get_text(" ", strip=True)
    assert translated("chosen option: %(title)s", title="Жалоба в жилинспекцию") in result


def test_the_timeline_runs_by_date_with_each_status(client, story):
    timeline = section(get_html(client, story.url), "caseclub-timeline")

    entries = [
        (
            item.time["datetime"],
            item.find(class_="caseclub-case-status").get_text(strip=True),
            item.get_text(" ", strip=True),
        )
        for item in timeline.find_all("li")
    ]
    assert [(day, status) for day, status, _ in entries] == [
        ("2025-02-01", capfirst(russian(CaseStatus.IN_PROGRESS.label))),
        ("2025-03-10", capfirst(russian(CaseStatus.MONITORING.label))),
        ("2025-06-15", capfirst(russian(CaseStatus.RESOLVED.label))),
    ]
    assert "Подрядчик приступил к ремонту." in entries[1][2]


def test_entries_of_one_day_keep_the_editors_order(client, library):
    case = CaseStudyPage(title="Кейс одного дня", slug="odin-den", summary="Сводка")
    case.timeline = [
        CaseTimelineEntry(date=D(2025, 5, 5), status="monitoring", note="Первая", sort_order=0),
        CaseTimelineEntry(date=D(2025, 5, 5), status="unresolved", note="Вторая", sort_order=1),
    ]
    library.add_child(instance=case)
    case.save_revision().publish()

    text = get_html(client, case.url)

    timeline = section(text, "caseclub-timeline").get_text()
    assert timeline.index("Первая") < timeline.index("Вторая")
    header = soup_of(text).find(class_="caseclub-case__status").get_text(strip=True)
    assert header == capfirst(russian(CaseStatus.UNRESOLVED.label))


def test_the_result_and_lessons_are_shown(client, story):
    text = get_html(client, story.url)

    assert "Ремонт выполнен за счёт подрядчика." in section(text, "caseclub-result").get_text()
    lessons = section(text, "caseclub-lessons").get_text()
    assert "Фиксируйте протечки актом в день обнаружения." in lessons


def test_a_bare_case_shows_no_empty_sections(client, library):
    case = make_case(library, "Только что выявлен")

    text = get_html(client, case.url)

    for heading_id in (
        "caseclub-problem",
        "caseclub-appeals",
        "caseclub-scenarios",
        "caseclub-options",
        "caseclub-timeline",
        "caseclub-lessons",
        "caseclub-team",
        "caseclub-related",
        "caseclub-case-events",
        "caseclub-practices",
    ):
        assert f'id="{heading_id}"' not in text
    assert soup_of(text).find(class_="caseclub-case__status").get_text(strip=True) == capfirst(
        russian(CaseStatus.NEW.label)
    )


def test_topics_link_to_the_filtered_library(client, story):
    topics = section(get_html(client, story.url), "caseclub-topics")

    assert [(a["href"], a.get_text()) for a in topics.find_all("a")] == [
        ("/cases/?topic=kapremont", "Капитальный ремонт")
    ]


def test_a_topic_link_with_a_russian_slug_filters_the_library(client, library):
    topic = TopicFactory(name="Управление МКД", slug="")
    case = make_case(library, "Смена управляющей компании", topics=[topic])
    make_case(library, "Другой кейс")

    link = section(get_html(client, case.url), "caseclub-topics").a["href"]
    listed = soup_of(get_html(client, html.unescape(link)))

    assert topic.slug == "управление-мкд"
    assert [a.get_text() for a in listed.select(".caseclub-case-card__title a")] == [
        "Смена управляющей компании"
    ]


# The team


def terminated(**fields):
    return MemberFactory(
        status="terminated",
        terminated_on=D(2026, 1, 15),
        termination_ground="voluntary",
        **fields,
    )


@pytest.fixture
def team(db):
    return {
        "public": MemberFactory(name="Открытова Анна", public_profile=True),
        "unconsented": MemberFactory(name="Скрытов Борис", public_profile=False),
        "former": terminated(name="Бывшев Виктор", public_profile=True),
    }


@pytest.fixture
def team_case(library, team):
    return make_case(
        library,
        "Кейс с командой",
        team=[
            (team["public"], "mentor"),
            (team["unconsented"], "housing_inspector"),
            (team["former"], "volunteer_expert"),
        ],
    )


def team_rows(text):
    rows = section(text, "caseclub-team").find_all("li")
    return [
        (
            row.a["href"] if row.a else None,
            row.get_text(" ", strip=True).split(" — ")[0],
            row.find(class_="caseclub-card__meta").get_text(strip=True).lstrip("— "),
        )
        for row in rows
    ]


def test_only_consenting_active_members_are_named_and_linked(client, directory, team, team_case):
    text = get_html(client, team_case.url)

    member = capfirst(translated("club member"))
    assert team_rows(text) == [
        (f"/members/{team['public'].registry_number}/", "Открытова Анна", translated("mentor")),
        (None, member, translated("public housing inspector")),
        (None, member, translated("volunteer expert")),
    ]
    assert "Скрытов Борис" not in text
    assert "Бывшев Виктор" not in text
    for hidden in (team["unconsented"], team["former"]):
        assert f"/members/{hidden.registry_number}/" not in text


def test_without_a_directory_members_are_named_without_links(client, team, team_case):
    text = get_html(client, team_case.url)

    assert [(href, name) for href, name, _role in team_rows(text)] == [
        (None, "Открытова Анна"),
        (None, capfirst(translated("club member"))),
        (None, capfirst(translated("club member"))),
    ]
    assert "Скрытов Борис" not in text and "Бывшев Виктор" not in text


def test_no_contact_of_a_member_is_published(client, directory, team, team_case):
    text = get_html(client, team_case.url)

    for member in team.values():
        assert member.email and member.email not in text
        assert member.phone and member.phone not in text
    assert "mailto:" not in text
    assert "tel:" not in text


# Related cases and events


def test_related_cases_are_shown_both_ways_and_only_when_published(client, library):
    named = make_case(library, "Названный кейс")
    withdrawn = make_case(library, "Снятый кейс")
    case = make_case(library, "Основной кейс", related=[named, withdrawn])
    naming = make_case(library, "Ссылающийся кейс", related=[case])
    make_case(library, "Черновик со ссылкой", related=[case], live=False)
    reload(withdrawn).unpublish()

    text = get_html(client, case.url)

    links = [(a["href"], a.get_text()) for a in section(text, "caseclub-related").find_all("a")]
    assert links == [(named.url, "Названный кейс"), (naming.url, "Ссылающийся кейс")]
    assert "Снятый кейс" not in text
    assert "Черновик со ссылкой" not in text
    # The case named by another shows it in return.
    back = section(get_html(client, named.url), "caseclub-related").find_all("a")
    assert [(a["href"], a.get_text()) for a in back] == [(case.url, "Основной кейс")]


def test_a_case_naming_each_other_is_listed_once(client, library):
    first = make_case(library, "Первый кейс")
    second = make_case(library, "Второй кейс", related=[first])
    draft = reload(first).get_latest_revision_as_object()
    draft.related_cases = [second]
    draft.save_revision().publish()

    links = section(get_html(client, first.url), "caseclub-related").find_all("a")

    assert [a.get_text() for a in links] == ["Второй кейс"]


def add_event(title, *, cases=(), live=True, days=7):
    """An event ``days`` from now in the site's event index, made if there is none yet."""
    index = EventIndexPage.objects.first() or make_event_index(title="События")
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    # As the editor types it: the wall time in the event's zone.
    start = start.astimezone(zoneinfo.ZoneInfo("Europe/Volgograd"))
    return make_event(index, title, start, cases=cases, live=live)


@pytest.mark.clock
def test_the_events_where_a_case_was_discussed_are_listed(client, library):
    case = make_case(library, "Кейс для разбора")
    later = add_event("Заседание клуба", cases=[case], days=20)
    earlier = add_event("Мастер-класс по претензиям", cases=[case], days=-10)
    add_event("Черновик заседания", cases=[case], live=False)
    add_event("Заседание о другом")

    text = get_html(client, case.url)

    events = section(text, "caseclub-case-events")
    assert [(a["href"], a.get_text()) for a in events.find_all("a")] == [
        (later.url, "Заседание клуба"),
        (earlier.url, "Мастер-класс по претензиям"),
    ]
    assert "Черновик заседания" not in text
    assert "Заседание о другом" not in text


@pytest.mark.clock
def test_the_event_page_lists_its_published_cases(client, library):
    case = make_case(library, "Кейс для разбора")
    withdrawn = make_case(library, "Снятый кейс")
    event = add_event("Заседание клуба", cases=[case, withdrawn])
    reload(withdrawn).unpublish()

    text = get_html(client, event.url)

    cases = section(text, "caseclub-event-cases")
    assert cases.h2.get_text(strip=True) == translated("Cases discussed")
    assert [(a["href"], a.get_text()) for a in cases.find_all("a")] == [
        (case.url, "Кейс для разбора")
    ]
    assert "Снятый кейс" not in text


def restrict(page):
    """Put ``page`` behind a password, as an editor does with the privacy setting."""
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")


def test_a_private_case_is_not_named_on_a_related_case(client, library):
    private = make_case(library, "Закрытый кейс")
    case = make_case(library, "Открытый кейс", related=[private])
    make_case(library, "Ещё один закрытый", related=[case])
    restrict(private)
    restrict(CaseStudyPage.objects.get(title="Ещё один закрытый"))

    text = get_html(client, case.url)

    assert "Закрытый кейс" not in text
    assert "Ещё один закрытый" not in text


@pytest.mark.clock
def test_a_private_case_is_not_named_on_the_event_page(client, library):
    public = make_case(library, "Открытый кейс")
    private = make_case(library, "Закрытый кейс")
    restrict(private)
    event = add_event("Заседание клуба", cases=[public, private])

    text = get_html(client, event.url)

    assert "Открытый кейс" in section(text, "caseclub-event-cases").get_text()
    assert "Закрытый кейс" not in text


def test_a_private_case_is_not_linked_from_practices(client, library):
    private = make_case(library, "Закрытый кейс")
    public = make_case(library, "Открытый кейс")
    restrict(private)
    case = make_case(library, "Кейс с практиками", practices=[("case", private), ("case", public)])

    text = get_html(client, case.url)

    assert [a.get_text() for a in section(text, "caseclub-practices").find_all("a")] == [
        "Открытый кейс"
    ]
    assert "Закрытый кейс" not in text


def test_practices_that_are_all_hidden_leave_no_empty_section(client, library):
    private = make_case(library, "Закрытый кейс")
    restrict(private)
    case = make_case(library, "Кейс с практиками", practices=[("case", private)])

    text = get_html(client, case.url)

    assert soup_of(text).find("section", attrs={"aria-labelledby": "caseclub-practices"}) is None
    assert "Закрытый кейс" not in text


@pytest.mark.clock
def test_a_private_event_is_not_listed_on_the_case_page(client, library):
    case = make_case(library, "Кейс для разбора")
    add_event("Открытое заседание", cases=[case])
    restrict(add_event("Закрытое заседание", cases=[case], days=3))

    text = get_html(client, case.url)

    assert "Открытое заседание" in section(text, "caseclub-case-events").get_text()
    assert "Закрытое заседание" not in text


# JSON-LD


def test_json_ld_describes_the_case_as_an_article(client, story):
    story = reload(story)

    data = json_ld(get_html(client, story.url))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Article"
    assert data["headline"] == "Протекает кровля после капремонта"
    assert data["description"] == "Кровля протекает над пятым этажом."
    assert data["url"] == f"http://testserver{story.url}"
    assert datetime.datetime.fromisoformat(data["datePublished"]) == story.first_published_at
    assert datetime.datetime.fromisoformat(data["dateModified"]) == story.last_published_at
    assert data["publisher"]["@type"] == "Organization" and data["publisher"]["name"]
    assert data["keywords"] == "Капитальный ремонт"
    assert data["contentLocation"] == {"@type": "Place", "name": "Волжский"}


@pytest.mark.clock
def test_json_ld_date_modified_follows_a_republication(client, story):
    story = reload(story)
    earlier = timezone.now() - datetime.timedelta(days=40)
    CaseStudyPage.objects.filter(pk=story.pk).update(
        first_published_at=earlier, last_published_at=earlier
    )
    reload(story).save_revision().publish()
    story = reload(story)

    data = json_ld(get_html(client, story.url))

    assert datetime.datetime.fromisoformat(data["datePublished"]) == earlier
    assert datetime.datetime.fromisoformat(data["dateModified"]) == story.last_published_at
    assert story.last_published_at > earlier


def test_json_ld_does_not_name_the_team(client, directory, team, team_case):
    data = json_ld(get_html(client, team_case.url))

    serialized = json.dumps(data, ensure_ascii=False)
    assert "Скрытов Борис" not in serialized and "Бывшев Виктор" not in serialized


def test_json_ld_cannot_be_broken_out_of(client, library):
    title = 'Кейс </script><script>alert("x")</script> & «кавычки»'
    case = make_case(library, title, summary="<b>жирный</b> текст")

    text = get_html(client, case.url)

    assert "<script>alert" not in text
    data = json_ld(text)
    assert data["headline"] == title
    assert data["description"] == "<b>жирный</b> текст"


# Practices and resources


def test_practices_link_to_cases_documents_and_resources(client, library):
    other = make_case(library, "Похожий кейс")
    withdrawn = make_case(library, "Снятый кейс")
    document = get_document_model().objects.create(
        title="Образец претензии", file=ContentFile(b"%PDF-1.4", name="pretenziya.pdf")
    )
    case = make_case(
        library,
        "Кейс с практиками",
        practices=[
            ("case", other),
            ("case", withdrawn),
            ("document", {"document": document, "description": "Шаблон для подрядчика"}),
            (
                "resource",
                {
                    "title": "Гарантийные обязательства подрядчика",
                    "url": "https://example.org/garantiya",
                    "description": "Разъяснение фонда капремонта",
                },
            ),
        ],
    )
    reload(withdrawn).unpublish()

    text = get_html(client, case.url)

    practices = section(text, "caseclub-practices")
    links = [(html.unescape(a["href"]), a.get_text(strip=True)) for a in practices.find_all("a")]
    assert links == [
        (other.url, "Похожий кейс"),
        (document.url, "Образец претензии"),
        ("https://example.org/garantiya", "Гарантийные обязательства подрядчика"),
    ]
    body = practices.get_text(" ", strip=True)
    assert "Шаблон для подрядчика" in body and "(PDF)" in body
    assert "Разъяснение фонда капремонта" in body
    assert "Снятый кейс" not in text


# Previews show the draft


def test_a_preview_shows_the_drafts_status(client, story):
    draft = reload(story).get_latest_revision_as_object()
    draft.timeline.add(
        CaseTimelineEntry(date=D(2025, 9, 1), status="unresolved", note="Ремонт переделан")
    )
    draft.save_revision()

    preview = draft.make_preview_request().content.decode()

    header = soup_of(preview).find(class_="caseclub-case__status").get_text(strip=True)
    assert header == capfirst(russian(CaseStatus.UNRESOLVED.label))
    assert "Ремонт переделан" in preview
    public = get_html(client, story.url)
    header = soup_of(public).find(class_="caseclub-case__status").get_text(strip=True)
    assert header == capfirst(russian(CaseStatus.RESOLVED.label))
    assert "Ремонт переделан" not in public


def test_the_admin_previews_a_new_case_before_it_is_saved(admin_client, library, directory):
    member = MemberFactory(name="Открытова Анна", public_profile=True)
    related = make_case(library, "Похожий кейс")
    url = f"/admin/pages/add/caseclub_wagtail/casestudypage/{library.pk}/preview/"
    data = nested_form_data(
        {
            "title": "Новый кейс",
            "slug": "novyi",
            "summary": "Сводка нового кейса",
            "problem": rich_text("<p>Проблема</p>"),
            "municipality": "Волгоград",
            "appeals": inline_formset(
                [{"id": "", "received_on": "2025-03-01", "channel": "letter", "summary": "Жалоба"}]
            ),
            "timeline": inline_formset(
                [{"id": "", "date": "2025-03-05", "status": "monitoring", "note": "Осмотр"}]
            ),
            "team": inline_formset([{"id": "", "member": str(member.pk), "role": "mentor"}]),
            "related_case_links": inline_formset([{"id": "", "related": str(related.pk)}]),
            "scenarios": streamfield([]),
            "solution_options": streamfield([]),
            "practices": streamfield([]),
            "result": "pending",
            "outcome": rich_text(""),
            "lessons": rich_text(""),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            "comments": inline_formset([]),
        }
    )

    posted = admin_client.post(url, data)
    assert posted.json() == {"is_valid": True, "is_available": True}
    response = admin_client.get(url)

    assert response.status_code == 200
    text = response.content.decode()
    header = soup_of(text).find(class_="caseclub-case__status").get_text(strip=True)
    assert header == capfirst(russian(CaseStatus.MONITORING.label))
    assert "Открытова Анна" in section(text, "caseclub-team").get_text()
    assert "Похожий кейс" in section(text, "caseclub-related").get_text()
    assert not CaseStudyPage.objects.filter(slug="novyi").exists()


# Queries do not grow with the story


def test_queries_do_not_grow_with_the_timeline(client, library):
    start = D(2024, 1, 1)
    short = make_case(library, "Короткий", timeline=[(start, "in_progress", "Запись 0")])
    long = make_case(
        library,
        "Длинный",
        timeline=[
            (start + datetime.timedelta(days=n), "monitoring", f"Запись {n}") for n in range(30)
        ],
    )

    small, small_html = count_queries(client, short.url)
    large, large_html = count_queries(client, long.url)

    assert len(section(small_html, "caseclub-timeline").find_all("li")) == 1
    assert len(section(large_html, "caseclub-timeline").find_all("li")) == 30
    assert large == small


def test_queries_do_not_grow_with_the_team(client, library, directory):
    one = make_case(library, "Один", team=[(MemberFactory(public_profile=True), "mentor")])
    members = [MemberFactory(public_profile=True) for _ in range(7)] + [
        MemberFactory(public_profile=False) for _ in range(3)
    ]
    ten = make_case(library, "Десять", team=[(member, "participant") for member in members])

    small, small_html = count_queries(client, one.url)
    large, large_html = count_queries(client, ten.url)

    assert len(team_rows(small_html)) == 1
    rows = team_rows(large_html)
    assert len(rows) == 10 and sum(1 for href, _n, _r in rows if href) == 7
    assert large == small


@pytest.mark.clock
def test_queries_do_not_grow_with_appeals_related_cases_and_events(client, library):
    lone = make_case(library, "Одинокий", appeals=[(D(2025, 1, 1), "letter", "Жалоба")])
    others = [make_case(library, f"Связанный {n}") for n in range(8)]
    busy = make_case(
        library,
        "Занятой",
        appeals=[(D(2025, 1, 1 + n), "letter", f"Жалоба {n}") for n in range(12)],
        related=others[:4],
    )
    for other in others[4:]:
        draft = reload(other).get_latest_revision_as_object()
        draft.related_cases = [busy]
        draft.save_revision().publish()
    add_event("Заседание одно", cases=[lone])
    for n in range(5):
        add_event(f"Заседание {n}", cases=[busy], days=n + 1)

    small, _ = count_queries(client, lone.url)
    large, large_html = count_queries(client, busy.url)

    assert len(section(large_html, "caseclub-related").find_all("a")) == 8
    assert len(section(large_html, "caseclub-case-events").find_all("a")) == 5
    assert large == small


def test_the_date_of_an_event_where_the_case_was_discussed_is_the_events_own(client, library):
    case = make_case(library, "Кейс о перерасчёте")
    index = EventIndexPage(title="События", slug="events-far-east")
    library.get_parent().add_child(instance=index)
    index.save_revision().publish()
    novosibirsk = zoneinfo.ZoneInfo("Asia/Novosibirsk")
    event = EventPage(
        title="Разбор в Новосибирске",
        slug="razbor",
        start=datetime.datetime(2026, 6, 10, 2, 0, tzinfo=novosibirsk),
        end=datetime.datetime(2026, 6, 10, 4, 0, tzinfo=novosibirsk),
        time_zone="Asia/Novosibirsk",
    )
    event.related_cases = [case]
    index.add_child(instance=event)
    event.save_revision().publish()

    html = client.get(case.url).content.decode()

    assert 'datetime="2026-06-10T02:00:00+07:00"' in html
    assert "10 июня 2026" in html
