"""Filling in the public registration form as a browser does, and reading its answers."""

from bs4 import BeautifulSoup


def relax_form_protection(settings) -> None:
    """No minimum time to fill a form and a generous rate limit, for tests that post many."""
    settings.CASECLUB_WAGTAIL = {
        **getattr(settings, "CASECLUB_WAGTAIL", {}),
        "FORM_MIN_SECONDS": 0,
        "FORM_RATE_LIMIT": "1000/h",
    }


def protection_fields(form) -> dict:
    """The hidden fields an unbound form would send (the signed timing field among them)."""
    return {field.html_name: field.value() or "" for field in form.hidden_fields()}


def submit(client, url, data):
    """POST ``data`` to the form at ``url`` with the hidden fields its page gives."""
    page = BeautifulSoup(client.get(url).content, "html.parser")
    form = page.select_one("form.caseclub-form")
    assert form is not None, url
    hidden = {
        field["name"]: field.get("value", "")
        for field in form.select("input[type=hidden]")
        if field["name"] != "csrfmiddlewaretoken"
    }
    return client.post(url, {**hidden, **data})


def field_errors(response, name) -> list[str]:
    """The errors shown beside field ``name`` (in the list its widget is described by)."""
    page = BeautifulSoup(response.content, "html.parser")
    widget = page.find(attrs={"name": name})
    assert widget is not None, name
    errors_id = f"id_{name}_error"
    assert errors_id in widget.get("aria-describedby", "").split(), widget
    return [item.get_text(strip=True) for item in page.select(f"#{errors_id} li")]


def form_errors(response) -> list[str]:
    """The errors of the whole form, shown above its fields."""
    page = BeautifulSoup(response.content, "html.parser")
    return [item.get_text(strip=True) for item in page.select("#caseclub-form-errors li")]


def typed_value(response, name) -> str:
    """What the field ``name`` holds on the page shown again."""
    page = BeautifulSoup(response.content, "html.parser")
    widget = page.find(attrs={"name": name})
    if widget.name == "textarea":
        # As browsers read it: a newline right after the start tag is not content.
        return widget.get_text().removeprefix("\n")
    if widget.name == "select":
        chosen = widget.find("option", selected=True)
        return chosen["value"] if chosen else ""
    return widget.get("value", "")
