"""Draft preview for a decoupled front end: the Wagtail preview, its token, preview/{token}/."""

import datetime
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from ninja import Schema
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from caseclub_wagtail.core.preview import SALT, make_token
from caseclub_wagtail.core.preview_api import detail_for
from caseclub_wagtail.models import EventPage
from tests.factories import (
    make_case,
    make_case_library,
    make_directory,
    make_event,
    make_event_index,
    root_page,
    wall,
)
from tests.support.translation import in_russian

pytestmark = [pytest.mark.django_db, pytest.mark.clock]

FRONT_END = "https://front.example/preview?token={token}&lang=ru"


@pytest.fixture
def front_end(settings):
    settings.CASECLUB_WAGTAIL = {**settings.CASECLUB_WAGTAIL, "PREVIEW_URL": FRONT_END}


@pytest.fixture
def index():
    return make_event_index()


def edit_draft(page, **fields):
    """Save a draft of ``page`` with ``fields`` changed, leaving the live page as it was."""
    draft = page.get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.save_revision()
    return draft


def index_form_data(**fields):
    """POST data of the event index's form."""
    return nested_form_data(
        {
            "intro": rich_text("<p>Введение</p>"),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            "comments": inline_formset([]),
            **fields,
        }
    )


def framed_url(response) -> str:
    """The front-end URL that the Wagtail preview shows in its frame."""
    frame = BeautifulSoup(response.content, "html.parser").find("iframe")
    assert frame is not None, "the preview shows no front end"
    return frame["src"]


def token_of(response) -> str:
    query = dict(part.split("=", 1) for part in urlsplit(framed_url(response)).query.split("&"))
    return query["token"]


def get_preview(client, token, **headers):
    return client.get(f"/api/caseclub/preview/{token}/", headers=headers)


def assert_problem(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["parameter"] == "token"
    return body


# The Wagtail preview


def test_the_preview_shows_the_front_end_with_a_token(front_end, index):
    event = make_event(index, "Заседание клуба", wall(7))
    draft = edit_draft(event, title="Заседание клуба (черновик)")

    response = draft.make_preview_request()

    assert response.status_code == 200
    url = framed_url(response)
    assert url.startswith("https://front.example/preview?token=")
    assert url.endswith("&lang=ru")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_without_a_front_end_the_preview_is_the_server_rendered_page(index):
    event = make_event(index, "Заседание клуба", wall(7))
    draft = edit_draft(event, title="Заседание клуба (черновик)")

    response = draft.make_preview_request()

    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("iframe") is None
    assert "Заседание клуба (черновик)" in page.find("h1").get_text()


def test_the_admin_preview_of_a_saved_page_shows_the_front_end(front_end, admin_client, index):
    url = f"/admin/pages/{index.pk}/edit/preview/"
    posted = admin_client.post(url, index_form_data(title="Мероприятия клуба", slug="events"))
    assert posted.json()["is_valid"] is True

    response = admin_client.get(url)

    answer = get_preview(admin_client, token_of(response)).json()
    assert answer["id"] == index.pk
    assert answer["type"] == "caseclub_wagtail.EventIndexPage"
    # The front end shows the page as last saved: Wagtail keeps unsaved changes in the
    # editor's session only (see caseclub_wagtail.core.preview).
    assert answer["title"] == index.title


def test_a_page_never_saved_keeps_the_server_rendered_preview(front_end, admin_client):
    # No page and no revision to name yet: Wagtail's own preview is all there is.
    url = f"/admin/pages/add/caseclub_wagtail/eventindexpage/{root_page().pk}/preview/"
    posted = admin_client.post(url, index_form_data(title="Новые мероприятия", slug="new"))
    assert posted.json()["is_valid"] is True

    response = admin_client.get(url)

    assert BeautifulSoup(response.content, "html.parser").find("iframe") is None
    assert "Новые мероприятия" in response.content.decode()


def test_previewing_stores_nothing(front_end, index):
    draft = edit_draft(make_event(index, "Заседание клуба", wall(7)), title="Черновик")

    with CaptureQueriesContext(connection) as queries:
        draft.make_preview_request()

    writes = [query["sql"] for query in queries if not query["sql"].startswith("SELECT")]
    assert writes == []


# preview/{token}/


def test_the_token_gives_the_draft_not_the_live_page(front_end, client, index):
    event = make_event(index, "Заседание клуба", wall(7))
    draft = edit_draft(event, title="Заседание клуба (черновик)")

    response = get_preview(client, token_of(draft.make_preview_request()))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response
    body = response.json()
    assert body["draft"] is True
    assert body["id"] == event.pk
    assert body["type"] == "caseclub_wagtail.EventPage"
    assert body["title"] == "Заседание клуба (черновик)"
    assert body["revision"] == EventPage.objects.get(pk=event.pk).latest_revision_id
    assert client.get(event.url).status_code == 200
    assert "(черновик)" not in client.get(event.url).content.decode()


@pytest.mark.parametrize(
    "build",
    [
        lambda: make_event_index(),
        lambda: make_event(make_event_index(), "Заседание", wall(3)),
        lambda: make_case_library(),
        lambda: make_case(make_case_library()),
        lambda: make_directory(),
    ],
    ids=["EventIndexPage", "EventPage", "CaseStudyIndexPage", "CaseStudyPage", "directory"],
)
def test_every_page_type_of_the_package_is_previewed(front_end, client, build):
    page = build()
    draft = edit_draft(page, title="Черновик страницы")

    body = get_preview(client, token_of(draft.make_preview_request())).json()

    assert body["type"] == page._meta.label
    assert body["title"] == "Черновик страницы"
    assert body["slug"] == page.slug


def test_a_token_stays_bound_to_its_revision(front_end, client, index):
    event = make_event(index, "Заседание клуба", wall(7))
    first = edit_draft(event, title="Первый черновик")
    token = token_of(first.make_preview_request())

    edit_draft(event, title="Второй черновик")

    assert get_preview(client, token).json()["title"] == "Первый черновик"


def test_a_page_saved_by_code_without_revisions_is_previewed_as_stored(front_end, client, index):
    event = make_event(index, "Заседание клуба", wall(7))
    event.revisions.all().delete()
    event = EventPage.objects.get(pk=event.pk)

    body = get_preview(client, token_of(event.make_preview_request())).json()

    assert body["title"] == "Заседание клуба"
    assert body["revision"] is None


def test_a_token_expires_after_the_setting(front_end, settings, client, clock, index):
    settings.CASECLUB_WAGTAIL = {**settings.CASECLUB_WAGTAIL, "PREVIEW_TOKEN_SECONDS": 600}
    draft = edit_draft(make_event(index, "Заседание клуба", wall(7)), title="Черновик")
    token = token_of(draft.make_preview_request())

    clock.shift(datetime.timedelta(seconds=600))
    assert get_preview(client, token).status_code == 200

    clock.shift(datetime.timedelta(seconds=1))
    body = assert_problem(get_preview(client, token), 410)
    assert body["detail"] == in_russian(
        "This preview link has expired. Open the preview in Wagtail again."
    )


def test_a_token_lasts_an_hour_by_default(front_end, client, clock, index):
    draft = edit_draft(make_event(index, "Заседание клуба", wall(7)), title="Черновик")
    token = token_of(draft.make_preview_request())

    clock.shift(datetime.timedelta(minutes=59))
    assert get_preview(client, token).status_code == 200
    clock.shift(datetime.timedelta(minutes=2))
    assert_problem(get_preview(client, token), 410)


def test_a_forged_token_is_refused(front_end, client, index):
    event = make_event(index, "Заседание клуба", wall(7))
    token = make_token(event.pk, event.latest_revision_id)
    payload, _time, signature = token.rsplit(":", 2)
    # The same page and revision, signed without the site's key or for another purpose.
    other_key = signing.dumps(
        {"page": event.pk, "revision": event.latest_revision_id}, key="not-the-key", salt=SALT
    )
    other_purpose = signing.dumps({"page": event.pk, "revision": event.latest_revision_id})
    forged = [
        f"{payload}:{_time}:{signature[:-2]}xx",
        other_key,
        other_purpose,
        "nonsense",
        "a" * 5000,
    ]

    for token in forged:
        body = assert_problem(get_preview(client, token), 403)
        assert body["detail"] == in_russian("This preview link is not valid.")
        assert "Заседание" not in str(body)


def test_a_signed_token_of_the_wrong_shape_is_refused(client, index):
    for payload in [{"page": "1", "revision": None}, [1, 2], {"page": 1, "revision": "2"}]:
        assert_problem(get_preview(client, signing.dumps(payload, salt=SALT)), 403)


def test_a_token_naming_another_pages_revision_names_nothing(front_end, client, index):
    first = make_event(index, "Первое", wall(7))
    second = make_event(index, "Второе", wall(8))

    response = get_preview(client, make_token(first.pk, second.latest_revision_id))

    body = assert_problem(response, 404)
    assert "Второе" not in str(body)


def test_a_token_of_a_deleted_page_or_revision_names_nothing(front_end, client, index):
    event = make_event(index, "Заседание клуба", wall(7))
    draft = edit_draft(event, title="Черновик")
    token = token_of(draft.make_preview_request())
    EventPage.objects.get(pk=event.pk).revisions.all().delete()
    assert_problem(get_preview(client, token), 404)

    event.delete()
    assert_problem(get_preview(client, make_token(event.pk, None)), 404)


def test_a_token_for_a_page_of_another_type_names_nothing(client, index):
    home = Page.objects.get(depth=2).specific

    assert_problem(get_preview(client, make_token(home.pk, home.latest_revision_id)), 404)


def test_problems_are_in_the_requests_language(client, index):
    body = assert_problem(get_preview(client, "nonsense", Accept_Language="en"), 403)

    assert body["detail"] == "This preview link is not valid."


def test_a_detail_serializer_gives_the_drafts_shape(index, rf):
    class Detail(Schema):
        id: int
        title: str
        slug: str
        kind: str

    event = make_event(index, "Заседание клуба", wall(7))

    data = detail_for(
        event,
        rf.get("/"),
        {
            EventPage: lambda page, request: Detail(
                id=page.pk, title=page.title, slug=page.slug, kind=page.kind
            )
        },
    )

    assert data == {
        "id": event.pk,
        "title": "Заседание клуба",
        "slug": event.slug,
        "kind": "meeting",
    }


def test_the_openapi_description_names_the_preview_and_its_problems(client):
    description = client.get("/api/caseclub/openapi.json").json()

    operation = description["paths"]["/api/caseclub/preview/{token}/"]["get"]
    assert set(operation["responses"]) == {"200", "403", "404", "410"}
    draft = description["components"]["schemas"]["PreviewPage"]
    assert {"id", "type", "title", "slug", "revision", "draft"} <= set(draft["properties"])
