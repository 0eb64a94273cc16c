"""``<mount>/preview/{token}/``: the draft a preview token names, for a decoupled front end.

The answer has the shape of the detail endpoint of the page's type, plus ``draft: true``.
Each type's detail serializer is named in ``caseclub_wagtail.api.PREVIEW_SERIALIZERS``;
a type without one is answered in the short shape of ``PreviewPage``. The tokens are
described in ``caseclub_wagtail.core.preview``.
"""

from collections.abc import Callable, Mapping

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import BaseModel, ConfigDict
from wagtail.models import Page

from caseclub_wagtail.core.api import PROBLEM_JSON, Problem
from caseclub_wagtail.core.preview import HeadlessPreviewMixin, PreviewTokenError, read_token

# A page type's detail serializer: ``(page, request)`` to a schema instance or a dict.
DetailSerializer = Callable[[Page, object], BaseModel | dict]


class PreviewPage(Schema):
    """A draft: at least these fields, and every field of its type's detail endpoint."""

    model_config = ConfigDict(extra="allow")

    id: int
    # The page type as Wagtail's own API names it: "caseclub_wagtail.EventPage".
    type: str
    title: str
    slug: str
    # The revision shown; none for a page that was saved by code and has no revision.
    revision: int | None
    draft: bool = True


def short_shape(page: Page, request) -> dict:
    """The fields every draft has, for a page type without a detail serializer."""
    return {"id": page.pk, "title": page.title, "slug": page.slug}


def detail_for(page: Page, request, serializers: Mapping[type, DetailSerializer]) -> dict:
    """``page`` in the shape of its type's detail endpoint (``serializers``), as JSON data."""
    serializer = serializers.get(type(page), short_shape)
    data = serializer(page, request)
    if isinstance(data, BaseModel):
        data = data.model_dump(mode="json", by_alias=True)
    return data


def load_draft(token: str) -> tuple[Page, int | None]:
    """The page as the token's revision has it; ``PreviewTokenError`` or ``LookupError``."""
    target = read_token(token)
    page = Page.objects.filter(pk=target.page_id).first()
    page = page.specific if page is not None else None
    if not isinstance(page, HeadlessPreviewMixin):
        raise LookupError(target.page_id)
    if target.revision_id is None:
        return page, None
    revision = page.revisions.filter(pk=target.revision_id).first()
    if revision is None:  # purged, or not this page's: the token names nothing
        raise LookupError(target.revision_id)
    return revision.as_object(), revision.pk


def problem(status: int, title: str, detail: str) -> HttpResponse:
    """A problem about the ``token`` path parameter."""
    body = Problem(title=title, status=status, detail=detail, parameter="token")
    return HttpResponse(body.model_dump_json(), status=status, content_type=PROBLEM_JSON)


def preview_router(serializers: Mapping[type, DetailSerializer]) -> Router:
    """The router of the preview endpoint, answering each type with ``serializers``."""
    router = Router(tags=["preview"])

    @router.get(
        "{token}/",
        response={200: PreviewPage, 403: Problem, 404: Problem, 410: Problem},
        summary="A draft, for a front end's preview",
        url_name="preview",
    )
    def preview(request, token: str):
        """The draft a preview token names, in the shape of its type's detail endpoint.

        Never cached: the answer is a draft. An expired token answers 410, a forged or
        malformed one 403.
        """
        try:
            page, revision_id = load_draft(token)
        except PreviewTokenError as error:
            if error.expired:
                return problem(
                    410,
                    _("Preview link expired"),
                    _("This preview link has expired. Open the preview in Wagtail again."),
                )
            return problem(403, _("Forbidden"), _("This preview link is not valid."))
        except LookupError:
            return problem(
                404, _("Not found"), _("The page or the draft of this preview no longer exists.")
            )
        data = {
            **detail_for(page, request, serializers),
            "type": page._meta.label,
            "revision": revision_id,
            "draft": True,
        }
        body = PreviewPage.model_validate(data).model_dump_json()
        response = HttpResponse(body, content_type="application/json")
        # A draft: neither a shared cache nor the browser may keep it.
        response["Cache-Control"] = "private, no-store"
        response["Vary"] = "Accept-Language"
        return response

    return router
