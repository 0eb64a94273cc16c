"""Draft preview for a decoupled front end: signed tokens, and the page types that use them.

When ``CASECLUB_WAGTAIL["PREVIEW_URL"]`` is set (a front-end URL with ``{token}`` in it),
Wagtail's preview of the package's pages shows that front end, in a frame, instead of the
server-rendered page. The front end reads the draft from ``<mount>/preview/{token}/``.

A token is signed with the site's ``SECRET_KEY`` (``django.core.signing``), names one page
and one revision, and expires after ``PREVIEW_TOKEN_SECONDS``: nothing is stored.

What the front end shows is the page's latest saved revision, not the editor's unsaved
changes: Wagtail keeps those only in the editor's session, and a token that carried them
would be too long for a URL. Wagtail saves a revision with every draft, so saving the draft
refreshes the preview. A page that was never saved has no revision yet: its preview stays
Wagtail's own, server-rendered one.
"""

from dataclasses import dataclass

from django.core import signing
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control

from caseclub_wagtail import conf

SALT = "caseclub_wagtail.preview"


class PreviewTokenError(Exception):
    """A preview token that is not accepted; ``expired`` tells a stale one from a bad one."""

    def __init__(self, expired: bool = False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


@dataclass(frozen=True)
class PreviewTarget:
    """What a valid token names: a page, and its revision (none for a page saved by code)."""

    page_id: int
    revision_id: int | None


def make_token(page_id: int, revision_id: int | None) -> str:
    """A signed, timestamped token for ``revision_id`` of page ``page_id``."""
    return signing.dumps({"page": page_id, "revision": revision_id}, salt=SALT)


def read_token(token: str) -> PreviewTarget:
    """The page and revision ``token`` names; ``PreviewTokenError`` if forged or too old."""
    try:
        data = signing.loads(token, salt=SALT, max_age=conf.get("PREVIEW_TOKEN_SECONDS"))
    except signing.SignatureExpired as error:
        raise PreviewTokenError(expired=True) from error
    except signing.BadSignature as error:
        raise PreviewTokenError() from error
    # Only this module signs with this salt, but a token is read as untrusted all the same.
    page_id = data.get("page") if isinstance(data, dict) else None
    revision_id = data.get("revision") if isinstance(data, dict) else None
    if type(page_id) is not int or not (revision_id is None or type(revision_id) is int):
        raise PreviewTokenError()
    return PreviewTarget(page_id, revision_id)


def front_end_url(token: str) -> str | None:
    """The front end's preview URL for ``token``; none when ``PREVIEW_URL`` is not set."""
    template = conf.get("PREVIEW_URL")
    if not template:
        return None
    # str.replace, not str.format: a URL may hold other braces (or a "%7B") of its own.
    return template.replace("{token}", token)


class HeadlessPreviewMixin:
    """A page whose Wagtail preview shows the decoupled front end, when one is configured."""

    headless_preview_template = "caseclub_wagtail/headless_preview.html"

    def serve_preview(self, request, mode_name):
        # self is the page as the editor has it, unsaved changes included; its
        # latest_revision is the page's own (Wagtail keeps it across revisions).
        if not conf.get("PREVIEW_URL") or self.pk is None:
            return super().serve_preview(request, mode_name)
        url = front_end_url(make_token(self.pk, self.latest_revision_id))
        response = TemplateResponse(
            request, self.headless_preview_template, {"page": self, "preview_url": url}
        )
        # A draft: no shared cache may keep it.
        patch_cache_control(response, private=True, no_store=True)
        return response
