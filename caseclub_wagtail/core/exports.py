"""Spreadsheet exports of the admin's listings."""

from django.utils import translation


def rows_in_language(rows, language: str):
    """Yield from ``rows`` with ``language`` active while each one is made.

    Wagtail streams a CSV after the view has returned, when the editor's admin language is
    no longer active: the labels of choices would be written in the site's language.
    """
    while True:
        with translation.override(language):
            row = next(rows, None)
        if row is None:
            return
        yield row
