"""Conditional, cacheable answers for the feeds: an ETag, 304 Not Modified, Cache-Control.

Calendar apps and feed readers ask again every few minutes or hours. Each feed's ETag
is worked out from a small query of what it holds, so an unchanged feed is answered
with 304 before it is built; a client without it gets the feed as built once for that
ETag and kept in Django's cache (core.feed_cache).
"""

import datetime
import hashlib
import json
from collections.abc import Callable

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control

from caseclub_wagtail import __version__
from caseclub_wagtail.core.feed_cache import cached_feed

# How long browsers and shared caches may keep a feed without asking again.
CACHE_SECONDS = 15 * 60


def feed_etag(request, *parts) -> str:
    """A weak ETag for a feed made of ``parts``, in this language, for this scheme and host,
    today.

    Weak, because every build stamps the time it was made (DTSTAMP) while the content
    stays the same. The day is part of it: what a feed holds moves on with the date.
    """
    data = [
        __version__,
        translation.get_language(),
        request.scheme,
        request.get_host(),
        timezone.now().astimezone(datetime.UTC).date(),
        *parts,
    ]
    digest = hashlib.sha256(json.dumps(data, default=str).encode()).hexdigest()
    return f'W/"{digest[:32]}"'


def conditional_response(
    request, etag: str, build: Callable[[], HttpResponse], private: bool = False
) -> HttpResponse:
    """304 if the client holds ``etag``, else the feed (cached, or ``build()``); both with
    ETag and Cache-Control.

    ``private`` for a feed behind a view restriction: only the visitor's own browser may
    keep it, never a shared cache.
    """
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = cached_feed(etag, build)
    response["ETag"] = etag
    visibility = "private" if private else "public"
    patch_cache_control(response, **{visibility: True}, max_age=CACHE_SECONDS)
    return response
