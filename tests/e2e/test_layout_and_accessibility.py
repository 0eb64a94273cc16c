"""Every public page fits a phone and a desktop, sits in the host's layout, and passes
axe-core in a light and in a dark host."""

import copy
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.e2e.pages import public_pages
from tests.e2e.viewports import DESKTOP, PHONE
from tests.support.registration_pages import relax_form_protection

BLOCKING_IMPACTS = {"serious", "critical"}
TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
# The pages the example site draws itself rather than the package.
HOST_PAGES = {"home", "not-found"}
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])


def horizontal_overflow(page) -> int:
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def package_pages() -> dict[str, str]:
    return {name: path for name, path in public_pages().items() if name not in HOST_PAGES}


def content_box(page) -> dict:
    """The box the package's content is laid out in: its wrapper less the padding."""
    return page.evaluate(
        """() => {
            const wrapper = document.querySelector(".caseclub");
            const box = wrapper.getBoundingClientRect();
            const style = getComputedStyle(wrapper);
            const left = box.left + parseFloat(style.paddingLeft);
            const right = box.right - parseFloat(style.paddingRight);
            return {x: left, width: right - left};
        }"""
    )


def luminance(page, selector: str, prop: str) -> float:
    """The relative luminance (0 black .. 1 white) of an element's colour, as seen on the page.

    A see-through colour is laid over the page's background, as the browser paints it.
    """
    return page.evaluate(
        """([selector, prop]) => {
            const canvas = document.createElement("canvas");
            canvas.width = canvas.height = 1;
            const context = canvas.getContext("2d");
            const element = document.querySelector(selector);
            const layers = ["#fff", getComputedStyle(document.body).backgroundColor];
            for (const colour of [...layers, getComputedStyle(element)[prop]]) {
                context.fillStyle = colour;
                context.fillRect(0, 0, 1, 1);
            }
            const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
            const lin = (c) => (c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
            return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
        }""",
        [selector, prop],
    )


@pytest.fixture
def bakerydemo_like_host(settings):
    """Pages worn by a host laid out as bakerydemo: no container, no extra_css block."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], TEMPLATES_DIR]
    settings.TEMPLATES = templates
    settings.CASECLUB_WAGTAIL = {"BASE_TEMPLATE": "host_like_bakerydemo.html"}
    return settings


@VIEWPORTS
def test_public_pages_fit_the_screen(page, demo, viewport):
    page.set_viewport_size(viewport)
    for name, path in public_pages().items():
        page.goto(path)
        assert horizontal_overflow(page) <= 0, f"{name} ({path}) scrolls sideways"
        main = page.locator("main").bounding_box()
        assert main["x"] >= 0 and main["x"] + main["width"] <= viewport["width"], name


def test_the_month_grid_becomes_a_list_of_the_days_with_events_on_a_phone(page, demo):
    page.set_viewport_size(PHONE)
    page.goto(public_pages()["event-calendar"])
    days = page.locator(".caseclub-calendar__day")
    shown = [days.nth(i) for i in range(days.count()) if days.nth(i).is_visible()]
    assert shown, "no day of the month is shown"
    for day in shown:
        assert day.locator(".caseclub-calendar__event").count() > 0, day.inner_text()


@VIEWPORTS
def test_pages_line_up_with_a_host_that_has_its_own_container(page, demo, viewport):
    """The example site holds `content` in a padded container: nothing is added to it."""
    page.set_viewport_size(viewport)
    for name, path in package_pages().items():
        page.goto(path)
        brand = page.locator(".site-header__brand").bounding_box()
        assert content_box(page)["x"] == pytest.approx(brand["x"], abs=1), name


@VIEWPORTS
def test_pages_keep_a_side_margin_in_a_host_without_a_container(
    page, demo, bakerydemo_like_host, viewport
):
    page.set_viewport_size(viewport)
    for name, path in package_pages().items():
        page.goto(path)
        assert page.locator("#host-brand").count() == 1, f"{name} is not in the host's layout"
        assert horizontal_overflow(page) <= 0, f"{name} ({path}) scrolls sideways"
        box = content_box(page)
        right_margin = viewport["width"] - (box["x"] + box["width"])
        assert box["x"] >= 16, f"{name} starts {box['x']} px from the window's edge"
        assert right_margin == pytest.approx(box["x"], abs=1), f"{name} is not centred"


@VIEWPORTS
def test_a_host_can_name_its_own_container_class(page, demo, bakerydemo_like_host, viewport):
    bakerydemo_like_host.CASECLUB_WAGTAIL = {
        "BASE_TEMPLATE": "host_like_bakerydemo.html",
        "CONTAINER_CLASS": "container",
    }
    page.set_viewport_size(viewport)
    for name, path in package_pages().items():
        page.goto(path)
        assert page.locator(".caseclub.container:not(.caseclub-container)").count() == 1, name
        brand = page.locator("#host-brand").bounding_box()
        # The host's own pages start at 20 px on a phone and 40 px on a desktop.
        assert brand["x"] == (20 if viewport is PHONE else 40)
        assert content_box(page)["x"] == pytest.approx(brand["x"], abs=1), name


def test_pages_stay_light_in_a_light_host_whatever_the_system_prefers(
    page, demo, bakerydemo_like_host
):
    """A host without a dark theme stays light even for a visitor whose system is dark."""
    page.emulate_media(color_scheme="dark")
    bakerydemo_like_host.CASECLUB_WAGTAIL = {"BASE_TEMPLATE": "host_without_extra_css.html"}
    page.goto("/cases/")
    assert luminance(page, "body", "color") < 0.05
    for selector in (".caseclub-filters", ".caseclub-filters select", ".caseclub-filters input"):
        assert luminance(page, selector, "backgroundColor") > 0.8, selector
    assert luminance(page, ".caseclub-filters label", "color") < 0.05


def axe_problems(page, pages: dict[str, str]) -> list[str]:
    problems = []
    for name, path in pages.items():
        page.goto(path)
        problems += axe_problems_here(page, name)
    return problems


def axe_problems_here(page, name: str) -> list[str]:
    """The serious and critical violations axe finds on the page as it is now."""
    results = Axe().run(page)
    return [
        f"{name}: {violation['id']} ({violation['impact']}) "
        f"{[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_public_pages_have_no_serious_accessibility_violations(page, demo, theme):
    page.emulate_media(color_scheme=theme)
    page.goto("/")
    assert page.evaluate("document.documentElement.dataset.theme") == theme
    # The dark theme really is dark, so that axe checks the colours on it.
    assert (luminance(page, "body", "backgroundColor") < 0.05) == (theme == "dark")

    problems = axe_problems(page, public_pages())

    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_pages_are_readable_in_a_bakerydemo_like_host(page, demo, bakerydemo_like_host, theme):
    """The package's own colours, untouched by the host, on the host's light and dark."""
    page.emulate_media(color_scheme=theme)
    page.goto("/cases/")
    assert (luminance(page, "body", "backgroundColor") < 0.05) == (theme == "dark")

    problems = axe_problems(page, package_pages())

    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_registration_form_with_its_errors_is_readable(page, demo, settings, theme):
    """The messages beside the fields and above the form, on the light and the dark host."""
    relax_form_protection(settings)
    page.emulate_media(color_scheme=theme)
    page.goto(public_pages()["registration-form-members"])
    page.get_by_label("E-mail", exact=True).fill("not an address")
    page.get_by_role("button", name="Зарегистрироваться").click()
    errors = page.locator(".caseclub-form__field--error")
    expect(errors.first).to_be_visible()
    assert errors.count() == 4  # the registry number, the name, the e-mail, the consent
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        assert horizontal_overflow(page) <= 0, f"the form with errors is too wide: {viewport}"

    problems = axe_problems_here(page, "registration-form-with-errors")

    assert not problems, "\n".join(problems)
