"""Reading an admin form's inline rows while the page form itself is being cleaned."""

from django.utils.translation import gettext as _


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


def refuse_repeats(formset, field: str, *, itself=None, itself_error="") -> None:
    """Mark a chooser panel's rows that choose again what a row above chose.

    With ``itself``, a row that chooses it (a page naming itself) gets ``itself_error``.
    """
    seen = set()
    for form, data in live_rows(formset):
        chosen = data.get(field)
        if chosen is None:
            continue
        if itself is not None and itself.pk and chosen.pk == itself.pk:
            form.add_error(field, itself_error)
        elif chosen.pk in seen:
            form.add_error(
                field, _("“%(chosen)s” is already chosen above.") % {"chosen": chosen}
            )
        seen.add(chosen.pk)
