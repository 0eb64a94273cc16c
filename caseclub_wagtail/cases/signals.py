"""Purging the pages that show a case from a frontend cache when it changes."""

from caseclub_wagtail.cases.models import CaseStudyPage
from caseclub_wagtail.core import frontend_cache
from caseclub_wagtail.members.signals import directory_urls


def showing_case(case) -> tuple[list, list[str]]:
    """The case library (and its RSS), the events that discussed the case, and the profiles
    of its team, which list their roles in it."""
    # Through the case's own relations: the case library does not import events.
    events = list(case.events.live().specific())
    numbers = case.team.values_list("member__registry_number", flat=True)
    profiles = directory_urls(numbers) if numbers else []
    return [frontend_cache.parent_of(case), *events], profiles


def register_signal_handlers() -> None:
    frontend_cache.purge_when_changed(CaseStudyPage, showing_case)
