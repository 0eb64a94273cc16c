"""Spreadsheet exports of the admin's listings."""

import datetime

from django.utils import timezone, translation


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


def local_time(value) -> str:
    """A moment as a coordinator reads it in a CSV: in the site's zone, to the minute.

    An empty cell reaches it as the listing's placeholder text: only a moment is written.
    """
    if not isinstance(value, datetime.datetime):
        return ""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def local_naive(value):
    """A moment for an XLSX cell, which has no zone: the site's wall time."""
    return timezone.make_naive(value) if isinstance(value, datetime.datetime) else None
