"""The member directory declares every public profile, and a registry entry saved or
deleted purges the directory and the member's profile.

The frontend cache is Wagtail's (``wagtail.contrib.frontend_cache``), here a backend that
records the URLs it is told to purge.
"""

import pytest

from caseclub_wagtail.models import Member
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

SITE = "http://localhost"


def test_the_directory_declares_itself_and_each_public_profile(directory):
    first = MemberFactory(public_profile=True)
    MemberFactory(public_profile=False)
    MemberFactory(
        public_profile=True,
        status="terminated",
        terminated_on="2026-01-01",
        termination_ground="voluntary",
    )
    second = MemberFactory(public_profile=True)

    assert directory.get_cached_paths() == [
        "/",
        f"/{first.registry_number}/",
        f"/{second.registry_number}/",
    ]


def test_saving_an_entry_purges_the_directory_and_the_profile(directory, purged):
    member = MemberFactory(public_profile=True)

    with purged() as purged_urls:
        member.name = "Новое Имя"
        member.save()

    assert purged_urls == {SITE + "/members/", f"{SITE}/members/{member.registry_number}/"}


def test_withdrawing_consent_purges_the_profile_that_is_no_longer_shown(directory, purged):
    member = MemberFactory(public_profile=True)

    with purged() as purged_urls:
        member.public_profile = False
        member.save()

    assert f"{SITE}/members/{member.registry_number}/" in purged_urls


def test_deleting_an_entry_purges_the_directory_and_the_profile(directory, purged):
    member = MemberFactory(public_profile=True)
    number = member.registry_number

    with purged() as purged_urls:
        Member.objects.get(pk=member.pk).delete()

    assert purged_urls == {SITE + "/members/", f"{SITE}/members/{number}/"}


def test_nothing_is_purged_without_a_frontend_cache(directory, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        MemberFactory(public_profile=True)

    assert callbacks == []
