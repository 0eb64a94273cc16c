"""The case library declares its RSS feed, and a change to a case purges what shows it.

The frontend cache is Wagtail's (``wagtail.contrib.frontend_cache``), here a backend that
records the URLs it is told to purge.
"""

import pytest

from caseclub_wagtail.models import CaseStudyPage
from tests.factories import MemberFactory, make_case, make_case_library, make_directory

pytestmark = pytest.mark.django_db

SITE = "http://localhost"
LIBRARY = {SITE + "/cases/", SITE + "/cases/rss/"}


@pytest.fixture
def library():
    return make_case_library()


def test_the_library_declares_itself_and_its_rss(library):
    assert library.get_cached_paths() == ["/", "/rss/"]


def test_publishing_a_case_purges_the_library_and_its_rss(library, purged):
    with purged() as purged_urls:
        make_case(library, "Протекает кровля", slug="roof")

    assert purged_urls == LIBRARY


def test_unpublishing_a_case_purges_the_library(library, purged):
    case = make_case(library, "Протекает кровля", slug="roof")

    with purged() as purged_urls:
        CaseStudyPage.objects.get(pk=case.pk).unpublish()

    assert purged_urls == LIBRARY


def test_deleting_a_case_purges_the_library_and_the_case(library, purged):
    case = make_case(library, "Протекает кровля", slug="roof")

    with purged() as purged_urls:
        CaseStudyPage.objects.get(pk=case.pk).delete()

    assert purged_urls == LIBRARY | {SITE + "/cases/roof/"}


def test_moving_a_case_purges_both_libraries_and_both_of_its_addresses(library, purged):
    case = make_case(library, "Протекает кровля", slug="roof")
    archive = make_case_library(slug="archive", title="Архив кейсов")

    with purged() as purged_urls:
        CaseStudyPage.objects.get(pk=case.pk).move(archive, pos="last-child")

    assert purged_urls == LIBRARY | {
        SITE + "/archive/",
        SITE + "/archive/rss/",
        SITE + "/cases/roof/",
        SITE + "/archive/roof/",
    }


def test_a_case_purges_the_directory_and_its_teams_profiles(library, purged):
    make_directory()
    mentor = MemberFactory(public_profile=True)

    with purged() as purged_urls:
        make_case(library, "Протекает кровля", team=[(mentor, "mentor")])

    assert purged_urls == LIBRARY | {
        SITE + "/members/",
        f"{SITE}/members/{mentor.registry_number}/",
    }
