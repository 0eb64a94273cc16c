"""Built feeds kept in Django's cache: a feed is built once per change, not once per request.

The key is the feed's ETag (core.conditional), which is worked out from a small query of
what the feed holds, the language, the host and the day: an editor's publication,
unpublication, move or deletion, or the dates moving on, give another key, so nothing is
ever invalidated by hand. The cache is ``caches["default"]``: with a shared cache (Redis,
Memcached, the database) every worker of the site reads the feed another one built.
"""

import hashlib
from collections.abc import Callable

from django.core.cache import caches
from django.http import HttpResponse

from caseclub_wagtail import conf

KEY_PREFIX = "caseclub_wagtail:feed:"
# The headers a built feed is answered with again; ETag and Cache-Control are set later.
KEPT_HEADERS = ("Content-Type", "Content-Disposition")


def feed_key(etag: str) -> str:
    """The cache key of the feed whose ETag is ``etag``: short, for any cache backend."""
    return KEY_PREFIX + hashlib.sha256(etag.encode()).hexdigest()


def cached_feed(etag: str, build: Callable[[], HttpResponse]) -> HttpResponse:
    """The feed whose ETag is ``etag``: from the cache, else ``build()`` and kept there.

    Only a complete answer (200) is kept, for FEED_CACHE_SECONDS (0: never).
    """
    seconds = conf.get("FEED_CACHE_SECONDS")
    if not seconds:
        return build()
    cache = caches["default"]
    key = feed_key(etag)
    held = cache.get(key)
    if held is not None:
        response = HttpResponse(held["content"])
        for name, value in held["headers"].items():
            response[name] = value
        return response
    response = build()
    if response.status_code == 200 and not response.streaming:
        headers = {name: response[name] for name in KEPT_HEADERS if name in response}
        cache.set(key, {"content": response.content, "headers": headers}, seconds)
    return response
