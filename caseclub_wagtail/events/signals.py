"""Purging the pages that show an event from a frontend cache when it changes."""

from caseclub_wagtail.core import frontend_cache
from caseclub_wagtail.events.models import EventPage


def showing_event(event) -> tuple[list, list[str]]:
    """The event index (its listings, month grid and feeds) and the cases it discussed."""
    cases = list(event.related_cases.live().specific())
    return [frontend_cache.parent_of(event), *cases], []


def register_signal_handlers() -> None:
    frontend_cache.purge_when_changed(EventPage, showing_event)
