"""Real-browser tests: Debian's Chromium driven by Playwright against live_server."""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e.viewports import DESKTOP

CHROMIUM = os.environ.get("CASECLUB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(os.environ.get("CASECLUB_E2E_ARTIFACTS", "e2e-artifacts")).resolve()
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "caseclub"

# Playwright's assertions wait 5 s by default for what they expect. Publishing an event
# (its page, its revision and its stored dates) takes longer than that on a loaded
# 2-core machine; a real failure still fails, only later.
expect.set_options(timeout=15_000)


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            # Each test gets the migrations' data (root page, default site) back.
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": CHROMIUM_FLAGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, live_server):
    return {
        **browser_context_args,
        "base_url": live_server.url,
        "locale": "ru-RU",
        "timezone_id": "Europe/Volgograd",
        "viewport": DESKTOP,
        "accept_downloads": True,
    }


@pytest.fixture
def demo(live_server):
    """The example site's demo content, as `make demo` loads it."""
    call_command("load_demo_data", verbosity=0)


@pytest.fixture
def editor_page(page, demo):
    """A browser logged in to the Wagtail admin as the demo's admin user."""
    page.goto("/admin/login/")
    page.locator("#id_username").fill(ADMIN_USERNAME)
    page.locator("#id_password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep a screenshot and the HTML of the page a failing browser test ended on."""
    outcome = yield
    report = outcome.get_result()
    page = item.funcargs.get("page") or item.funcargs.get("editor_page")
    if report.when not in ("setup", "call") or not report.failed or page is None:
        return
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", item.nodeid)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        page.screenshot(path=str(folder / "page.png"), full_page=True)
        (folder / "page.html").write_text(page.content(), encoding="utf-8")
    except Exception as error:  # the page may be gone; say so rather than hide the failure
        (folder / "error.txt").write_text(repr(error), encoding="utf-8")
    report.sections.append(("browser artifacts", f"saved to {folder} (url: {page.url})"))
    print(f"\nBrowser artifacts of {item.nodeid}: {folder}")
