"""The «Координаторы Кейс-клуба» group that migration 0007 creates and 0009 extends."""

import importlib

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import Client

from tests.factories import MemberFactory, make_event_index, root_page

GROUP_NAME = "Координаторы Кейс-клуба"
migration_name = "0007_coordinators_group"
migration = importlib.import_module(f"caseclub_wagtail.migrations.{migration_name}")


@pytest.fixture
def coordinator(django_user_model, db):
    user = django_user_model.objects.create_user("coord", "coord@example.org", "pw")
    user.groups.add(Group.objects.get(name=GROUP_NAME))
    client = Client()
    client.force_login(user)
    return client


def test_the_group_holds_just_the_registry_and_the_inboxes(db):
    group = Group.objects.get(name=GROUP_NAME)

    assert sorted(group.permissions.values_list("codename", flat=True)) == [
        "access_admin",
        "add_member",
        "add_memberreward",
        "change_appeal",
        "change_eventregistration",
        "change_member",
        "change_memberreward",
        "change_membershipapplication",
        "change_outgoingemail",
        "change_proposal",
        "erase_member_personal_data",
        "view_appeal",
        "view_appealattachment",
        "view_eventregistration",
        "view_member",
        "view_member_contacts",
        "view_memberreward",
        "view_membershipapplication",
        "view_outgoingemail",
        "view_proposal",
        "view_topic",
    ]


def test_a_coordinator_opens_the_inboxes_and_the_registry(coordinator):
    member = MemberFactory()

    for url in (
        "/admin/",
        "/admin/caseclub_wagtail/eventregistration/",
        "/admin/caseclub_wagtail/outgoingemail/",
        "/admin/snippets/caseclub_wagtail/member/",
        f"/admin/snippets/caseclub_wagtail/member/edit/{member.pk}/",
        "/admin/snippets/caseclub_wagtail/topic/",
    ):
        assert coordinator.get(url).status_code == 200, url


def test_a_coordinator_cannot_edit_pages(coordinator):
    index = make_event_index()

    for url in (f"/admin/pages/{index.pk}/edit/", f"/admin/pages/{root_page().pk}/add_subpage/"):
        response = coordinator.get(url)
        assert (response.status_code, response.get("Location")) == (302, "/admin/"), url


def test_the_migration_is_reversible_and_can_run_again(db):
    # The models as the migration sees them, not the project's (whose app it would touch).
    state = MigrationLoader(connection).project_state(("caseclub_wagtail", migration_name))

    migration.delete_group(state.apps, None)
    assert not Group.objects.filter(name=GROUP_NAME).exists()
    migration.create_group(state.apps, None)

    assert Group.objects.get(name=GROUP_NAME).permissions.count() == 14
