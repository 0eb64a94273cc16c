"""Reading an admin form's inline rows while the page form itself is being cleaned."""


def live_rows(formset):
    """The cleaned data of the rows of ``formset`` that are not being deleted."""
    if formset is None:  # a host's own edit_handler may leave the inline panel out
        return []
    rows = []
    for form in formset.forms:
        form.is_valid()  # the child forms are cleaned after this form
        data = getattr(form, "cleaned_data", None) or {}
        if data and not data.get("DELETE"):
            rows.append((form, data))
    return rows
