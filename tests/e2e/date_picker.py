"""Entering dates into Wagtail's date fields, for the editor flows."""

from playwright.sync_api import expect

SET_VALUE = """(field, value) => {
    field.value = value;
    field.dispatchEvent(new Event("input", {bubbles: true}));
    field.dispatchEvent(new Event("change", {bubbles: true}));
}"""


def fill_date(page, selector: str, value: str):
    """Put a date into one of Wagtail's date fields, as its calendar would.

    Typing would focus the field, and the calendar that then opens lies over the buttons
    below it: a click on "Publish" lands on one of its days, and neither Escape nor a
    click beside it closes the calendar reliably. So the value is set without focus, and
    the test checks that no calendar is left open.
    """
    page.locator(selector).evaluate(SET_VALUE, value)
    expect(page.locator(selector)).to_have_value(value)
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)
