"""The case library and its cases, published as an editor would."""

import itertools

from caseclub_wagtail.models import (
    CaseAppeal,
    CaseStudyIndexPage,
    CaseStudyPage,
    CaseTeamMember,
    CaseTimelineEntry,
)
from tests.factories.core import root_page

_case_slugs = itertools.count(1)


def make_case_library(slug="cases", title="Библиотека кейсов", **kwargs):
    """Add a published case library under the default site's root page."""
    library = CaseStudyIndexPage(title=title, slug=slug, **kwargs)
    root_page().add_child(instance=library)
    library.save_revision().publish()
    return CaseStudyIndexPage.objects.get(pk=library.pk)


def make_case(
    library,
    title="Протекает кровля после капремонта",
    *,
    appeals=(),
    timeline=(),
    team=(),
    topics=(),
    related=(),
    live=True,
    **fields,
):
    """Add a case under ``library``, published unless ``live`` is false, as an editor would.

    ``appeals`` are (received_on, channel, summary), ``timeline`` entries are
    (date, status, note) and ``team`` rows are (member, role).
    """
    fields.setdefault("summary", f"{title}: жильцы обратились в клуб.")
    fields.setdefault("slug", f"case-{next(_case_slugs)}")
    case = CaseStudyPage(title=title, **fields)
    case.appeals = [
        CaseAppeal(received_on=day, channel=channel, summary=text)
        for day, channel, text in appeals
    ]
    case.timeline = [
        CaseTimelineEntry(date=day, status=status, note=note) for day, status, note in timeline
    ]
    case.team = [CaseTeamMember(member=member, role=role) for member, role in team]
    case.topics = list(topics)
    case.related_cases = list(related)
    library.add_child(instance=case)
    revision = case.save_revision()
    if live:
        revision.publish()
    else:
        case.unpublish()
    return CaseStudyPage.objects.get(pk=case.pk)
