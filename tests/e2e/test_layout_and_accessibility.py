"""Every public page fits a phone and a desktop, and passes axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.pages import public_pages

BLOCKING_IMPACTS = {"serious", "critical"}


def horizontal_overflow(page) -> int:
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_public_pages_fit_the_screen(page, demo, viewport):
    page.set_viewport_size(viewport)
    for name, path in public_pages().items():
        page.goto(path)
        assert horizontal_overflow(page) <= 0, f"{name} ({path}) scrolls sideways"
        main = page.locator("main").bounding_box()
        assert main["x"] >= 0 and main["x"] + main["width"] <= viewport["width"], name


def test_public_pages_have_no_serious_accessibility_violations(page, demo):
    axe = Axe()
    problems = []
    for name, path in public_pages().items():
        page.goto(path)
        results = axe.run(page)
        for violation in results.response["violations"]:
            if violation["impact"] in BLOCKING_IMPACTS:
                targets = [node["target"] for node in violation["nodes"]][:3]
                problems.append(f"{name}: {violation['id']} ({violation['impact']}) {targets}")
    assert not problems, "\n".join(problems)
