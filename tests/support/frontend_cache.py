"""A frontend cache that records what it is told to purge, in place of a CDN."""

import pytest
from wagtail.contrib.frontend_cache.backends.base import BaseBackend


class RecordingBackend(BaseBackend):
    """Records each URL it is told to purge, in ``purged``."""

    purged: list[str] = []

    def purge(self, url) -> None:
        RecordingBackend.purged.append(url)


@pytest.fixture
def purged(settings, django_capture_on_commit_callbacks):
    """The URLs purged from the recording frontend cache, once each commit has run.

    Call it as ``with purged() as urls:``; ``urls`` is a set filled when the block ends.
    """
    settings.WAGTAILFRONTENDCACHE = {
        "recording": {"BACKEND": "tests.support.frontend_cache.RecordingBackend"}
    }

    def recording():
        return _Recording(django_capture_on_commit_callbacks)

    return recording


class _Recording:
    """Collects the URLs purged by the commit callbacks of the block it wraps."""

    def __init__(self, capture):
        self.capture = capture
        self.urls = set()

    def __enter__(self):
        RecordingBackend.purged.clear()
        self.callbacks = self.capture(execute=True)
        self.callbacks.__enter__()
        return self.urls

    def __exit__(self, *exc):
        self.callbacks.__exit__(*exc)
        self.urls.update(RecordingBackend.purged)
        RecordingBackend.purged.clear()
        return False
