"""The event form in the Wagtail admin: its URLs and the errors it shows."""


def add_url(parent) -> str:
    """The admin's form for a new event under ``parent``."""
    return f"/admin/pages/add/caseclub_wagtail/eventpage/{parent.pk}/"


def edit_url(page) -> str:
    """The admin's edit form of ``page``."""
    return f"/admin/pages/{page.pk}/edit/"


def field_errors(response, name) -> list[str]:
    """The errors the re-shown form gives for field ``name``."""
    assert response.status_code == 200
    return list(response.context["form"].errors.get(name, []))


def inline_errors(response, name) -> list[list[str]]:
    """The errors of field ``name`` in each row of the cancelled and moved dates."""
    assert response.status_code == 200
    formset = response.context["form"].formsets["occurrence_changes"]
    return [list(form.errors.get(name, [])) for form in formset.forms]
