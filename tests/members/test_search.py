"""The directory's search: word forms, and nobody found who may not be seen."""

import pytest

from caseclub_wagtail.models import Member
from tests.factories import MemberFactory, make_directory
from tests.members.test_directory import names, page_html
from tests.support.api_reading import get_json


@pytest.fixture
def registry(db):
    """Two public members, one without consent and a former one, all of one organisation."""
    make_directory()
    return {
        "public": MemberFactory(
            name="Кузнецова Анна",
            organization="Управляющая компания «Дом»",
            municipality="Волжский",
            public_profile=True,
        ),
        "other": MemberFactory(
            name="Орлов Павел",
            organization="Совет дома",
            municipality="Камышин",
            public_profile=True,
        ),
        "unconsented": MemberFactory(
            name="Кузнецов Олег", organization="Управляющая компания «Дом»", public_profile=False
        ),
        "former": MemberFactory(
            name="Кузнецов Иван",
            organization="Управляющая компания «Дом»",
            public_profile=True,
            status="terminated",
            terminated_on="2025-06-01",
            termination_ground="voluntary",
        ),
    }


def found(client, query) -> list[str]:
    listed = sorted(names(page_html(client, "/members/", q=query)))
    api = get_json(client, "members/", {"search": query})
    assert sorted(item["name"] for item in api["items"]) == listed
    return listed


@pytest.mark.parametrize(
    "query",
    [
        "управляющей компанией",
        "управляющая компания",
        "УПРАВЛЯЮЩИХ КОМПАНИЙ",
        "кузнецовой",
        "волжского",
        "анной",
    ],
)
def test_word_forms_find_the_public_member(client, registry, query):
    assert found(client, query) == ["Кузнецова Анна"]


def test_members_without_consent_or_membership_are_never_found(client, registry):
    assert found(client, "кузнецов олег") == []
    assert found(client, "кузнецов иван") == []
    # Nothing of theirs is in the directory's search fields.
    for key in ("unconsented", "former"):
        member = Member.objects.get(pk=registry[key].pk)
        assert member.stemmed_title() == member.stemmed_text() == ""


def test_contact_details_are_never_searched(client, registry):
    member = registry["public"]

    assert found(client, member.email) == []
    assert found(client, member.phone) == []
    assert member.email.split("@")[0] not in member.stemmed_text()


def test_withdrawing_consent_takes_the_member_out_of_the_search(client, registry):
    member = registry["public"]
    member.public_profile = False
    member.save()

    assert found(client, "кузнецова") == []
