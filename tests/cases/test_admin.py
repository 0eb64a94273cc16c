"""Cases as an editor makes them in the Wagtail admin, with real form posts."""

import datetime
import html
import json

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.documents import get_document_model
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from caseclub_wagtail.models import (
    CaseAppeal,
    CaseStatus,
    CaseStudyPage,
    CaseTimelineEntry,
)
from tests.factories import (
    MemberFactory,
    TopicFactory,
    chosen_rows,
    make_case,
    make_case_library,
    root_page,
)
from tests.support.translation import in_russian, russian_label

# Every test here reads the clock: dates in the future are refused, counted from today.
pytestmark = pytest.mark.clock

PHONE_IN_TEXT = (
    "The field «%(field)s» contains the phone number «%(contact)s». Cases are published: "
    "remove the number. An organisation's public hotline may stay if the site's administrator "
    "lists it as public."
)
EMAIL_IN_TEXT = (
    "The field «%(field)s» contains the e-mail address «%(contact)s». Cases are published: "
    "remove the address. An organisation's public address may stay if the site's "
    "administrator lists its domain as public."
)
APPEAL_IN_FUTURE = "An appeal cannot be received in the future."
ENTRY_IN_FUTURE = "A timeline entry cannot be dated in the future."
BEFORE_FIRST_APPEAL = (
    "This entry is dated before the first appeal (%(first)s). "
    "The timeline starts with the appeals."
)
TWO_CHOSEN = "Only one option can be the chosen one; now %(titles)s are marked."


def in_the_appeal(message: str, contact: str) -> str:
    return in_russian(message, field=russian_label(CaseAppeal, "summary"), contact=contact)


def russian_date(day: datetime.date) -> str:
    with translation.override("ru"):
        return date_format(day, "SHORT_DATE_FORMAT")


def add_url(parent) -> str:
    return f"/admin/pages/add/caseclub_wagtail/casestudypage/{parent.pk}/"


def edit_url(page) -> str:
    return f"/admin/pages/{page.pk}/edit/"


def days_from_today(days) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def appeal(received_on="2025-03-01", channel="letter", summary="Жалоба на протечку", **row):
    return {"id": "", "received_on": received_on, "channel": channel, "summary": summary, **row}


def entry(date, status="in_progress", note="", **row):
    return {"id": "", "date": date, "status": status, "note": note, **row}


def option(title, *, chosen=False, recommended=False):
    value = {
        "title": title,
        "description": rich_text(f"<p>{title}: порядок действий</p>"),
        "legal_basis": "ЖК РФ, ст. 161",
        "pros": "",
        "cons": "",
    }
    if chosen:
        value["chosen"] = "on"
    if recommended:
        value["recommended"] = "on"
    return ("option", value)


def case_form_data(
    *,
    appeals=(),
    timeline=(),
    options=(),
    team=(),
    topics=(),
    related=(),
    initial_appeals=0,
    initial_timeline=0,
    publish=True,
    **fields,
):
    """POST data of the case form, as the editor's browser sends it."""
    data = {
        "title": "Протекает кровля после капремонта",
        "slug": "krovlia",
        "summary": "После капитального ремонта кровля протекает над пятым этажом.",
        "problem": rich_text("<p>Подрядчик не устраняет дефекты по гарантии.</p>"),
        "municipality": "Волгоград",
        "appeals": inline_formset(list(appeals), initial=initial_appeals),
        "scenarios": streamfield([]),
        "solution_options": streamfield(list(options)),
        "practices": streamfield([]),
        "timeline": inline_formset(list(timeline), initial=initial_timeline),
        "result": "pending",
        "outcome": rich_text(""),
        "lessons": rich_text(""),
        "team": inline_formset(list(team)),
        "related_case_links": inline_formset(chosen_rows("related", related)),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
    }
    data.update(fields)
    data = nested_form_data(data)
    if topics:
        data["topics"] = [str(topic.pk) for topic in topics]
    if publish:
        data["action-publish"] = "action-publish"
    return data


@pytest.fixture
def library(db):
    return make_case_library()


def created_case() -> CaseStudyPage:
    return CaseStudyPage.objects.get(slug="krovlia")


def checkbox_values(response, name) -> set[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return {box["value"] for box in soup.find_all("input", attrs={"name": name})}


# Creating


def test_editor_publishes_a_case_and_its_status_is_the_latest_entrys(admin_client, library):
    topic = TopicFactory(name="Капитальный ремонт", slug="kapremont")
    mentor = MemberFactory(name="Наставник Иван")

    response = admin_client.post(
        add_url(library),
        case_form_data(
            appeals=[
                appeal("2025-02-10", "in_person", "Жильцы пятого этажа жалуются на протечки."),
                appeal("2025-01-20", "letter", "Письмо совета дома о протечке."),
            ],
            options=[
                option("Претензия подрядчику", recommended=True, chosen=True),
                option("Жалоба в жилинспекцию"),
            ],
            # Entered out of date order: the latest is in the middle.
            timeline=[
                entry("2025-02-01", "in_progress", "Составлен акт осмотра"),
                entry("2025-06-15", "monitoring", "Подрядчик начал ремонт"),
                entry("2025-03-10", "in_progress", "Направлена претензия"),
            ],
            team=[{"id": "", "member": str(mentor.pk), "role": "mentor"}],
            topics=[topic],
        ),
    )

    assert response.status_code == 302
    case = created_case()
    assert case.live
    assert case.status == CaseStatus.MONITORING
    assert case.first_appeal_on == datetime.date(2025, 1, 20)
    assert [block.value["title"] for block in case.solution_options] == [
        "Претензия подрядчику",
        "Жалоба в жилинспекцию",
    ]
    assert [block.value["chosen"] for block in case.solution_options] == [True, False]
    assert sorted(e.date.isoformat() for e in case.timeline.all()) == [
        "2025-02-01",
        "2025-03-10",
        "2025-06-15",
    ]
    assert [t.slug for t in case.topics.all()] == ["kapremont"]
    assert [(row.member.name, row.role) for row in case.team.all()] == [
        ("Наставник Иван", "mentor")
    ]
    public = admin_client.get(case.url)
    assert public.status_code == 200
    with translation.override("ru"):
        assert str(CaseStatus.MONITORING.label).capitalize() in public.content.decode()


def test_entries_of_one_day_take_the_editors_order(admin_client, library):
    # The editor dragged the "resolved" entry above the "monitoring" one of the same day.
    response = admin_client.post(
        add_url(library),
        case_form_data(
            appeals=[appeal("2025-03-01")],
            timeline=[
                entry("2025-05-20", "monitoring", ORDER="1"),
                entry("2025-05-20", "resolved", ORDER="0"),
            ],
        ),
    )

    assert response.status_code == 302
    assert created_case().status == CaseStatus.MONITORING


def test_a_case_without_timeline_is_identified(admin_client, library):
    response = admin_client.post(add_url(library), case_form_data())

    assert response.status_code == 302
    case = created_case()
    assert case.status == CaseStatus.NEW
    assert case.first_appeal_on is None


def test_a_saved_draft_is_not_public_until_published(admin_client, library, client):
    admin_client.post(
        add_url(library),
        case_form_data(
            appeals=[appeal("2025-03-01")], timeline=[entry("2025-03-02")], publish=False
        ),
    )

    case = created_case()
    assert not case.live
    assert client.get("/cases/krovlia/").status_code == 404


def test_a_posted_status_is_ignored(admin_client, library):
    response = admin_client.post(
        add_url(library),
        case_form_data(
            appeals=[appeal("2025-03-01")], timeline=[entry("2025-03-02")], status="resolved"
        ),
    )

    assert response.status_code == 302
    assert created_case().status == CaseStatus.IN_PROGRESS


# Bad input: a translated error on the field, and nothing saved


def inline_errors(response, formset, name) -> list[list[str]]:
    assert response.status_code == 200
    return [list(form.errors.get(name, [])) for form in response.context["form"].formsets[formset]]


def stream_errors(response, name) -> list[str]:
    assert response.status_code == 200
    (error,) = response.context["form"].errors[name].as_data()
    return [str(message) for e in error.non_block_errors.as_data() for message in e.messages]


def shown_in_json(text: str, message: str) -> bool:
    """Whether ``message`` is in the stream data the admin's JavaScript reads."""
    return json.dumps(message) in html.unescape(text)


# Fields are made when the test runs, so dates counted from today follow its clock.
BAD_CASES = [
    pytest.param(
        lambda: {"appeals": [appeal(summary="Пишите на ivanova@mail.ru, она старшая по дому.")]},
        ("appeals", "summary", [True]),
        in_the_appeal(EMAIL_IN_TEXT, "ivanova@mail.ru"),
        id="appeal-with-an-email",
    ),
    pytest.param(
        lambda: {
            "appeals": [appeal(), appeal(summary="Звонила жительница, тел. 8 905 123 45 67.")]
        },
        ("appeals", "summary", [False, True]),
        in_the_appeal(PHONE_IN_TEXT, "8 905 123 45 67"),
        id="appeal-with-a-phone",
    ),
    pytest.param(
        lambda: {"appeals": [appeal(received_on=days_from_today(1))]},
        ("appeals", "received_on", [True]),
        in_russian(APPEAL_IN_FUTURE),
        id="appeal-in-the-future",
    ),
    pytest.param(
        lambda: {
            "appeals": [appeal("2025-03-01")],
            "timeline": [entry("2025-03-05"), entry(days_from_today(2), "resolved")],
        },
        ("timeline", "date", [False, True]),
        in_russian(ENTRY_IN_FUTURE),
        id="timeline-entry-in-the-future",
    ),
    pytest.param(
        lambda: {
            "appeals": [appeal("2025-03-12"), appeal("2025-03-01")],
            "timeline": [entry("2025-03-05"), entry("2025-02-28")],
        },
        ("timeline", "date", [False, True]),
        in_russian(BEFORE_FIRST_APPEAL, first=russian_date(datetime.date(2025, 3, 1))),
        id="timeline-entry-before-the-first-appeal",
    ),
]


@pytest.mark.parametrize(("fields", "where", "message"), BAD_CASES)
def test_bad_input_on_a_new_case_is_an_error_on_its_field_and_nothing_is_saved(
    admin_client, library, fields, where, message
):
    revisions = Revision.objects.count()
    formset, name, bad_rows = where

    response = admin_client.post(add_url(library), case_form_data(**fields()))

    assert inline_errors(response, formset, name) == [[message] if bad else [] for bad in bad_rows]
    assert html.escape(message) in response.content.decode()
    assert not CaseStudyPage.objects.exists()
    assert not CaseAppeal.objects.exists()
    assert not CaseTimelineEntry.objects.exists()
    assert Revision.objects.count() == revisions


def test_two_chosen_options_are_an_error_on_the_options_and_nothing_is_saved(
    admin_client, library
):
    revisions = Revision.objects.count()

    response = admin_client.post(
        add_url(library),
        case_form_data(
            options=[
                option("Претензия подрядчику", chosen=True),
                option("Жалоба в жилинспекцию"),
                option("Иск в суд", chosen=True),
            ]
        ),
    )

    message = in_russian(TWO_CHOSEN, titles="«Претензия подрядчику», «Иск в суд»")
    assert stream_errors(response, "solution_options") == [message]
    assert shown_in_json(response.content.decode(), message)
    assert not CaseStudyPage.objects.exists()
    assert Revision.objects.count() == revisions


def test_one_chosen_option_among_several_is_accepted(admin_client, library):
    response = admin_client.post(
        add_url(library),
        case_form_data(
            options=[
                option("Претензия подрядчику", recommended=True),
                option("Иск в суд", chosen=True),
                option("Жалоба в жилинспекцию", recommended=True),
            ]
        ),
    )

    assert response.status_code == 302
    assert created_case().solution_options[1].value["chosen"] is True


def test_an_entry_on_the_day_of_the_first_appeal_is_accepted(admin_client, library):
    response = admin_client.post(
        add_url(library),
        case_form_data(appeals=[appeal("2025-03-01")], timeline=[entry("2025-03-01")]),
    )

    assert response.status_code == 302
    assert created_case().status == CaseStatus.IN_PROGRESS


def test_a_timeline_without_appeals_may_start_any_day(admin_client, library):
    response = admin_client.post(
        add_url(library), case_form_data(timeline=[entry("2019-05-01", "monitoring")])
    )

    assert response.status_code == 302
    assert created_case().status == CaseStatus.MONITORING


# Contacts in the published texts of a case


def scenario(**values):
    value = {
        "title": "Подрядчик не выйдет на связь",
        "description": "<p>Придётся идти в суд.</p>",
        "likelihood": "medium",
        "consequences": "",
        **values,
    }
    return ("scenario", {**value, "description": rich_text(value["description"])})


def option_with(**values):
    name, value = option("Претензия подрядчику")
    value.update(values)
    if "description" in values:
        value["description"] = rich_text(values["description"])
    return (name, value)


def resource(**values):
    value = {"title": "Памятка жилинспекции", "url": "https://example.org/p", "description": ""}
    return ("resource", {**value, **values})


def in_the_case(message: str, field: str, contact: str) -> str:
    return in_russian(message, field=field, contact=contact)


def child_label(field_name: str, block_name: str, child: str) -> str:
    stream_block = CaseStudyPage._meta.get_field(field_name).stream_block
    with translation.override("ru"):
        return str(stream_block.child_blocks[block_name].child_blocks[child].label)


def block_errors(response, name) -> dict:
    """The errors of a stream field's blocks: {index: {child: [message]}}."""
    assert response.status_code == 200
    (error,) = response.context["form"].errors[name].as_data()
    return {
        index: {child: list(e.messages) for child, e in block.block_errors.items()}
        for index, block in error.block_errors.items()
    }


FIELD_CONTACTS = [
    pytest.param("title", "Кровля, звонить 555-12-34", PHONE_IN_TEXT, "555-12-34", id="title"),
    pytest.param(
        "summary",
        "Старшая по дому просит звонить: 8 902 555 12 34.",
        PHONE_IN_TEXT,
        "8 902 555 12 34",
        id="summary",
    ),
    pytest.param(
        "problem",
        rich_text('<p>Пишите <a href="mailto:ivanova@mail.ru">старшей по дому</a>.</p>'),
        EMAIL_IN_TEXT,
        "ivanova@mail.ru",
        id="problem-link",
    ),
    pytest.param(
        "outcome",
        rich_text("<p>Слесарь оставил номер: тел. <b>55-12-34</b></p>"),
        PHONE_IN_TEXT,
        "55-12-34",
        id="outcome",
    ),
    pytest.param(
        "lessons",
        rich_text("<p>Пишите председателю: petrov (at) yandex.ru</p>"),
        EMAIL_IN_TEXT,
        "petrov (at) yandex.ru",
        id="lessons",
    ),
]


@pytest.mark.parametrize(("name", "value", "message", "contact"), FIELD_CONTACTS)
def test_a_contact_in_a_text_of_the_case_is_an_error_beside_it(
    admin_client, library, name, value, message, contact
):
    response = admin_client.post(add_url(library), case_form_data(**{name: value}))

    label = russian_label(CaseStudyPage, name)
    expected = in_the_case(message, label, contact)
    assert response.status_code == 200
    assert response.context["form"].errors[name] == [expected]
    assert html.escape(expected) in response.content.decode()
    assert not CaseStudyPage.objects.exists()


BLOCK_CONTACTS = [
    pytest.param(
        "scenarios",
        [scenario(), scenario(description="<p>Подрядчик: +7 902 555-12-34</p>")],
        "scenario",
        "description",
        PHONE_IN_TEXT,
        "+7 902 555-12-34",
        id="scenario-description",
    ),
    pytest.param(
        "scenarios",
        [scenario(consequences="Соседи снизу (ivanov@mail.ru) подадут в суд")],
        "scenario",
        "consequences",
        EMAIL_IN_TEXT,
        "ivanov@mail.ru",
        id="scenario-consequences",
    ),
    pytest.param(
        "solution_options",
        [option_with(title="Позвонить инженеру: 8-927-555-01-02")],
        "option",
        "title",
        PHONE_IN_TEXT,
        "8-927-555-01-02",
        id="option-title",
    ),
    pytest.param(
        "solution_options",
        [option_with(), option_with(pros="Юрист ответит по т. 5-12-34")],
        "option",
        "pros",
        PHONE_IN_TEXT,
        "5-12-34",
        id="option-pros",
    ),
    pytest.param(
        "solution_options",
        [option_with(cons="Ответ придёт на maria@list.ru, не на сайт")],
        "option",
        "cons",
        EMAIL_IN_TEXT,
        "maria@list.ru",
        id="option-cons",
    ),
    pytest.param(
        "solution_options",
        [option_with(legal_basis="ЖК РФ, ст. 161; консультация 8 (8442) 55-12-34")],
        "option",
        "legal_basis",
        PHONE_IN_TEXT,
        "8 (8442) 55-12-34",
        id="option-legal-basis",
    ),
    pytest.param(
        "solution_options",
        [option_with(description="<p>Письмо на ivanov＠mail.ru</p>")],
        "option",
        "description",
        EMAIL_IN_TEXT,
        "ivanov@mail.ru",
        id="option-description",
    ),
    pytest.param(
        "practices",
        [resource(description="Памятку раздаёт Мария, тел.5551234")],
        "resource",
        "description",
        PHONE_IN_TEXT,
        "5551234",
        id="resource-description",
    ),
    pytest.param(
        "practices",
        [resource(title="Памятка от ivanova@mail.ru")],
        "resource",
        "title",
        EMAIL_IN_TEXT,
        "ivanova@mail.ru",
        id="resource-title",
    ),
]


@pytest.mark.parametrize(
    ("name", "blocks", "block_name", "child", "message", "contact"), BLOCK_CONTACTS
)
def test_a_contact_in_a_block_is_an_error_on_its_child_block(
    admin_client, library, name, blocks, block_name, child, message, contact
):
    response = admin_client.post(add_url(library), case_form_data(**{name: streamfield(blocks)}))

    expected = in_the_case(message, child_label(name, block_name, child), contact)
    assert block_errors(response, name) == {len(blocks) - 1: {child: [expected]}}
    assert shown_in_json(response.content.decode(), expected)
    assert not CaseStudyPage.objects.exists()


def test_a_contact_in_a_documents_description_is_an_error_on_it(admin_client, library):
    document = get_document_model().objects.create(
        title="Шаблон претензии", file=SimpleUploadedFile("pretenziya.txt", b"text")
    )
    blocks = [("document", {"document": document.pk, "description": "Заполнит Мария, 55-12-34"})]

    response = admin_client.post(add_url(library), case_form_data(practices=streamfield(blocks)))

    label = child_label("practices", "document", "description")
    expected = in_the_case(PHONE_IN_TEXT, label, "55-12-34")
    assert block_errors(response, "practices") == {0: {"description": [expected]}}
    assert not CaseStudyPage.objects.exists()


def test_a_block_with_a_contact_and_a_missing_title_gets_both_errors(admin_client, library):
    blocks = [scenario(title="", consequences="Звонить 8 902 555 12 34")]

    response = admin_client.post(add_url(library), case_form_data(scenarios=streamfield(blocks)))

    errors = block_errors(response, "scenarios")[0]
    assert set(errors) == {"title", "consequences"}
    label = child_label("scenarios", "scenario", "consequences")
    assert errors["consequences"] == [in_the_case(PHONE_IN_TEXT, label, "8 902 555 12 34")]


def test_dates_sums_and_document_numbers_in_a_case_are_accepted(admin_client, library):
    response = admin_client.post(
        add_url(library),
        case_form_data(
            summary="Переплата 12 345,67 руб. по л/с 1234567890 с 01.02.2025.",
            problem=rich_text("<p>Протокол № 12-03-25, ИНН УК 3445123456, ст. 161 ЖК РФ.</p>"),
            scenarios=streamfield([scenario(consequences="Иск по делу № 2-1234/2025")]),
            options=[option_with(legal_basis="СанПиН 2.1.3684-21, ГОСТ Р 51617-2014")],
            practices=streamfield([resource(description="Кадастровый № 34:34:010101:123")]),
        ),
    )

    assert response.status_code == 302
    assert created_case().live


def test_a_listed_hotline_may_be_named_in_the_problem_and_another_number_may_not(
    admin_client, library, settings
):
    settings.CASECLUB_WAGTAIL = {
        **getattr(settings, "CASECLUB_WAGTAIL", {}),
        "PUBLIC_PHONE_NUMBERS": ["8 (800) 100-00-00"],
    }
    hotline = "<p>Горячая линия фонда капремонта: 8-800-100-00-00.</p>"
    refused = admin_client.post(
        add_url(library),
        case_form_data(problem=rich_text(hotline + "<p>Старшая по дому: +7 902 555 12 34</p>")),
    )

    label = russian_label(CaseStudyPage, "problem")
    assert refused.context["form"].errors["problem"] == [
        in_the_case(PHONE_IN_TEXT, label, "+7 902 555 12 34")
    ]
    assert not CaseStudyPage.objects.exists()

    accepted = admin_client.post(add_url(library), case_form_data(problem=rich_text(hotline)))

    assert accepted.status_code == 302
    assert "8-800-100-00-00" in created_case().problem


# Editing


def publish_case(admin_client, library, **fields):
    response = admin_client.post(
        add_url(library),
        case_form_data(
            appeals=[appeal("2025-03-01", summary="Жалоба совета дома")],
            timeline=[entry("2025-03-05", "in_progress", "Осмотр")],
            **fields,
        ),
    )
    assert response.status_code == 302
    return created_case()


def existing_rows(case):
    """The case's rows as the edit form posts them back, with their ids."""
    appeals = [
        appeal(a.received_on.isoformat(), a.channel, a.summary, id=str(a.pk))
        for a in case.appeals.all()
    ]
    timeline = [
        entry(e.date.isoformat(), e.status, e.note, id=str(e.pk)) for e in case.timeline.all()
    ]
    return appeals, timeline


EDIT_BAD_CASES = [
    pytest.param(
        lambda appeals, timeline: {
            "appeals": [*appeals, appeal("2025-04-01", summary="Телефон +7 (8442) 55-12-34")],
            "timeline": timeline,
        },
        ("appeals", "summary"),
        in_the_appeal(PHONE_IN_TEXT, "+7 (8442) 55-12-34"),  # in Russian: gettext keeps it
        id="appeal-with-a-phone",
    ),
    pytest.param(
        lambda appeals, timeline: {
            "appeals": [*appeals, appeal(days_from_today(5))],
            "timeline": timeline,
        },
        ("appeals", "received_on"),
        APPEAL_IN_FUTURE,
        id="appeal-in-the-future",
    ),
    pytest.param(
        lambda appeals, timeline: {
            "appeals": appeals,
            "timeline": [*timeline, entry(days_from_today(1), "resolved")],
        },
        ("timeline", "date"),
        ENTRY_IN_FUTURE,
        id="timeline-entry-in-the-future",
    ),
    pytest.param(
        lambda appeals, timeline: {
            "appeals": appeals,
            "timeline": [*timeline, entry("2025-02-01", "resolved")],
        },
        ("timeline", "date"),
        None,
        id="timeline-entry-before-the-first-appeal",
    ),
]


@pytest.mark.parametrize(("change", "where", "message"), EDIT_BAD_CASES)
def test_bad_input_on_an_edit_keeps_the_published_case(
    admin_client, library, client, change, where, message
):
    case = publish_case(admin_client, library)
    revisions = Revision.objects.filter(object_id=str(case.pk)).count()
    appeals, timeline = existing_rows(case)
    formset, name = where
    message = (
        in_russian(message)
        if message
        else in_russian(BEFORE_FIRST_APPEAL, first=russian_date(datetime.date(2025, 3, 1)))
    )

    response = admin_client.post(
        edit_url(case),
        case_form_data(
            **change(appeals, timeline),
            initial_appeals=1,
            initial_timeline=1,
            title="Кровля: новое название",
        ),
    )

    assert inline_errors(response, formset, name)[-1] == [message]
    assert inline_errors(response, formset, name)[0] == []
    after = created_case()
    assert after.title == "Протекает кровля после капремонта"
    assert after.status == CaseStatus.IN_PROGRESS
    assert after.first_appeal_on == datetime.date(2025, 3, 1)
    assert [a.summary for a in after.appeals.all()] == ["Жалоба совета дома"]
    assert [e.date for e in after.timeline.all()] == [datetime.date(2025, 3, 5)]
    assert not after.has_unpublished_changes
    assert Revision.objects.filter(object_id=str(case.pk)).count() == revisions
    public = client.get(case.url).content.decode()
    assert "Протекает кровля после капремонта" in public
    assert "Кровля: новое название" not in public


def test_two_chosen_options_on_an_edit_keep_the_published_options(admin_client, library):
    case = publish_case(admin_client, library, options=[option("Претензия", chosen=True)])
    appeals, timeline = existing_rows(case)

    response = admin_client.post(
        edit_url(case),
        case_form_data(
            appeals=appeals,
            timeline=timeline,
            initial_appeals=1,
            initial_timeline=1,
            options=[option("Претензия", chosen=True), option("Суд", chosen=True)],
        ),
    )

    message = in_russian(TWO_CHOSEN, titles="«Претензия», «Суд»")
    assert stream_errors(response, "solution_options") == [message]
    assert shown_in_json(response.content.decode(), message)
    assert [block.value["title"] for block in created_case().solution_options] == ["Претензия"]


def test_an_edit_that_adds_a_later_entry_changes_the_status(admin_client, library, client):
    case = publish_case(admin_client, library)
    appeals, timeline = existing_rows(case)

    response = admin_client.post(
        edit_url(case),
        case_form_data(
            appeals=appeals,
            timeline=[*timeline, entry("2025-08-01", "resolved", "Кровля отремонтирована")],
            initial_appeals=1,
            initial_timeline=1,
        ),
    )

    assert response.status_code == 302
    assert created_case().status == CaseStatus.RESOLVED
    assert created_case().timeline.count() == 2


def test_deleting_the_first_appeal_moves_the_first_appeal_date(admin_client, library):
    response = admin_client.post(
        add_url(library),
        case_form_data(
            appeals=[appeal("2025-03-01"), appeal("2025-04-01")],
            timeline=[entry("2025-04-10")],
        ),
    )
    assert response.status_code == 302
    case = created_case()
    appeals, timeline = existing_rows(case)
    appeals = sorted(appeals, key=lambda row: row["received_on"])
    appeals[0]["DELETE"] = "1"

    response = admin_client.post(
        edit_url(case),
        case_form_data(appeals=appeals, timeline=timeline, initial_appeals=2, initial_timeline=1),
    )

    assert response.status_code == 302
    assert created_case().first_appeal_on == datetime.date(2025, 4, 1)


def test_a_deleted_appeal_does_not_hold_back_the_timeline(admin_client, library):
    """An entry before a deleted appeal but after the remaining one is accepted."""
    response = admin_client.post(
        add_url(library),
        case_form_data(appeals=[appeal("2025-03-01")], timeline=[entry("2025-03-05")]),
    )
    assert response.status_code == 302
    case = created_case()
    appeals, timeline = existing_rows(case)
    appeals[0]["DELETE"] = "1"

    response = admin_client.post(
        edit_url(case),
        case_form_data(
            appeals=[*appeals, appeal("2025-01-10")],
            timeline=[*timeline, entry("2025-02-01", "monitoring")],
            initial_appeals=1,
            initial_timeline=1,
        ),
    )

    assert response.status_code == 302
    case = created_case()
    assert case.first_appeal_on == datetime.date(2025, 1, 10)
    assert case.status == CaseStatus.IN_PROGRESS


# What the edit form offers


def chosen_in_form(response, relation: str, field: str) -> list[str]:
    """The ids the edit form's chooser rows hold, in the order shown."""
    soup = BeautifulSoup(response.content, "html.parser")
    rows = soup.select(f"input[name^='{relation}-'][name$='-{field}']")
    return [row["value"] for row in rows if "__prefix__" not in row["name"]]


def test_the_edit_view_does_not_grow_with_the_library(admin_client, library):
    named = make_case(library, "Названный кейс")
    case = publish_case(admin_client, library, related=[named])
    url = edit_url(case)

    def measure():
        admin_client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(url)
        assert response.status_code == 200
        return len(queries), response.content.decode()

    small_queries, small_html = measure()
    others = [make_case(library, f"Другой кейс {n}") for n in range(30)]
    large_queries, large_html = measure()

    assert large_queries == small_queries
    # The chosen case is on the page; the library is in the chooser's modal.
    assert abs(len(large_html) - len(small_html)) < 2_000
    assert chosen_in_form(admin_client.get(url), "related_case_links", "related") == [
        str(named.pk)
    ]
    assert "Названный кейс" in large_html
    assert not any(other.title in large_html for other in others)


def test_a_case_cannot_be_related_to_itself(admin_client, library):
    other = make_case(library, "Лифт не работает")
    case = publish_case(admin_client, library)
    appeals, timeline = existing_rows(case)

    response = admin_client.post(
        edit_url(case),
        case_form_data(
            appeals=appeals,
            timeline=timeline,
            initial_appeals=1,
            initial_timeline=1,
            related=[other, case],
        ),
    )

    assert response.status_code == 200
    rows = response.context["form"].formsets["related_case_links"].forms
    assert [list(row.errors.get("related", [])) for row in rows] == [
        [],
        [in_russian("A case cannot be related to itself.")],
    ]
    assert list(created_case().related_cases.all()) == []


def test_related_cases_are_saved_in_the_editors_order(admin_client, library):
    others = [make_case(library, "Лифт не работает"), make_case(library, "Холодные батареи")]

    response = admin_client.post(add_url(library), case_form_data(related=others[::-1]))

    assert response.status_code == 302
    case = created_case()
    assert list(case.related_cases.all()) == others[::-1]
    form = admin_client.get(edit_url(case))
    assert chosen_in_form(form, "related_case_links", "related") == [
        str(other.pk) for other in others[::-1]
    ]


def test_the_edit_page_shows_the_derived_status_read_only(admin_client, library):
    case = publish_case(admin_client, library)

    response = admin_client.get(edit_url(case))

    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.find("form", attrs={"id": "page-edit-form"})
    assert form.find(attrs={"name": "status"}) is None
    shown = [
        output.get_text(strip=True)
        for output in form.find_all(class_="w-field__textoutput", attrs={"aria-readonly": "true"})
    ]
    with translation.override("ru"):
        assert str(CaseStatus.IN_PROGRESS.label) in shown


def test_the_add_form_offers_the_topics(admin_client, library):
    topics = [TopicFactory(name="Капитальный ремонт"), TopicFactory(name="Тарифы")]

    response = admin_client.get(add_url(library))

    assert checkbox_values(response, "topics") == {str(topic.pk) for topic in topics}


def test_cases_can_only_be_added_to_a_library(admin_client, library):
    assert not CaseStudyPage.can_create_at(root_page())
    response = admin_client.get(add_url(root_page()))

    assert response.status_code == 302 and response["Location"] == "/admin/"
