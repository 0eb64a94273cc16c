"""Migration 0010 carries the links saved before the choosers over, and back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from caseclub_wagtail.models import CaseStudyPage, EventPage
from tests.factories import (
    MemberFactory,
    make_case,
    make_case_library,
    make_event,
    make_event_index,
    wall,
)

BEFORE = [("caseclub_wagtail", "0009_coordinators_inboxes")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_links_saved_before_the_migration_are_there_after_it():
    library = make_case_library()
    roof, heating, lift = (make_case(library, title) for title in ("Кровля", "Отопление", "Лифт"))
    lead, second = MemberFactory(), MemberFactory()
    event = make_event(make_event_index(), "Заседание", wall(7))
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()

    old = migrate(BEFORE)
    OldEvent = old.get_model("caseclub_wagtail", "EventPage")
    OldCase = old.get_model("caseclub_wagtail", "CaseStudyPage")
    OldEvent.hosts.through.objects.create(eventpage_id=event.pk, member_id=second.pk)
    OldEvent.hosts.through.objects.create(eventpage_id=event.pk, member_id=lead.pk)
    for case in (roof, heating):
        OldEvent.related_cases.through.objects.create(
            eventpage_id=event.pk, casestudypage_id=case.pk
        )
    for case in (lift, heating):
        OldCase.related_cases.through.objects.create(
            from_casestudypage_id=roof.pk, to_casestudypage_id=case.pk
        )
    migrate(latest)

    event = EventPage.objects.get(pk=event.pk)
    # In the order the old form showed them: by registry number, cases by title.
    assert list(event.hosts.all()) == [lead, second]
    assert list(event.related_cases.all()) == [roof, heating]
    assert list(CaseStudyPage.objects.get(pk=roof.pk).related_cases.all()) == [lift, heating]
    assert list(heating.events.all()) == [event]

    # And back again: the old tables hold the same links.
    old = migrate(BEFORE)
    OldEvent = old.get_model("caseclub_wagtail", "EventPage")
    OldCase = old.get_model("caseclub_wagtail", "CaseStudyPage")
    assert set(OldEvent.objects.get(pk=event.pk).hosts.values_list("pk", flat=True)) == {
        lead.pk,
        second.pk,
    }
    assert set(OldCase.objects.get(pk=roof.pk).related_cases.values_list("pk", flat=True)) == {
        lift.pk,
        heating.pk,
    }
    migrate(latest)
