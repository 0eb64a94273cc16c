"""The peak memory of building an event index's iCalendar feed, measured with tracemalloc."""

import tracemalloc

from django.conf import settings
from django.test import RequestFactory, override_settings

from caseclub_wagtail.events import ical


def ical_peak_memory_mb(index, host: str = "testserver") -> float:
    """The most memory (MB) that building ``index``'s ``ical/`` feed holds at one time.

    The feed is built, never read from the cache, and the figure is what Python
    allocated beyond what was held before: the events, the file and everything between.
    """
    request = RequestFactory().get(index.url + "ical/", HTTP_HOST=host)
    tracemalloc.start()
    try:
        package_settings = {**getattr(settings, "CASECLUB_WAGTAIL", {}), "FEED_CACHE_SECONDS": 0}
        with override_settings(CASECLUB_WAGTAIL=package_settings):
            response = ical.index_response(index, request)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 200, response.status_code
    return peak / (1024 * 1024)
