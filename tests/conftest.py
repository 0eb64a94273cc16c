import datetime
import os
import zoneinfo

import pytest
import time_machine
from django.core.cache import cache

from tests.support.frontend_cache import purged  # noqa: F401  (a fixture for every folder)

VOLGOGRAD = zoneinfo.ZoneInfo("Europe/Volgograd")


def _now() -> datetime.datetime:
    """The instant clock-dependent tests run at unless they name their own.

    By default an ordinary Wednesday noon in Volgograd: far from midnight, a month's end
    and any daylight-saving change, so the suite gives the same result at any hour of any
    day. `make test-clock` runs the clock-dependent tests at awkward instants instead, by
    setting CASECLUB_TEST_NOW (a UTC time such as "2026-12-31 20:59") and, with faketime,
    the machine's clock to the same instant.
    """
    instant = os.environ.get("CASECLUB_TEST_NOW")
    if instant:
        return datetime.datetime.fromisoformat(instant).replace(tzinfo=datetime.UTC)
    return datetime.datetime(2026, 11, 11, 12, 0, tzinfo=VOLGOGRAD)


NOW = _now()


@pytest.hookimpl(tryfirst=True)  # before `-m clock` selects by the marks added here
def pytest_collection_modifyitems(items):
    for item in items:
        if "clock" in item.fixturenames:
            item.fixturenames.remove("clock")
            if not item.get_closest_marker("clock"):
                item.add_marker("clock")  # so that `make test-clock` runs it too
        if item.get_closest_marker("clock"):
            # First, so that the other fixtures make their pages at the test's time too.
            item.fixturenames.insert(0, "clock")


@pytest.fixture
def clock(request):
    """Stop the clock for the test at its ``clock`` mark's instant, else at ``NOW``.

    A test that depends on the current time is marked ``@pytest.mark.clock`` (or
    ``@pytest.mark.clock(instant)``) or asks for this fixture, the traveller, to move on.
    """
    marker = request.node.get_closest_marker("clock")
    instant = marker.args[0] if marker and marker.args else NOW
    with time_machine.travel(instant, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache.

    Wagtail caches the sites' root paths there, and a test's rolled-back Site rows would
    otherwise make the next test's pages link as if a second site still existed.
    """
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files of a test go to a folder of its own."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def directory(db):
    from tests.factories import make_directory

    return make_directory()


@pytest.fixture
def admin_client(client, django_user_model, db):
    """A client logged in to the Wagtail admin as a superuser working in Russian."""
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client
