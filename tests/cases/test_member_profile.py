"""A member's public profile lists the published cases they worked on, with their role."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from caseclub_wagtail.models import CaseRole
from tests.factories import MemberFactory, make_case, make_case_library

pytestmark = pytest.mark.django_db


def role_label(role: CaseRole) -> str:
    with translation.override("ru"):
        return str(role.label)


def test_profile_lists_the_published_cases_of_the_member(client, directory):
    library = make_case_library()
    mentor = MemberFactory(name="Ольга Наставница", public_profile=True)
    other = MemberFactory(name="Другой Участник", public_profile=True)
    appeal = [(datetime.date(2025, 2, 1), "letter", "Жильцы жалуются на протечки")]
    make_case(library, "Кровля течёт", appeals=appeal, team=[(mentor, "mentor")])
    make_case(library, "Мусор не вывозят", appeals=appeal, team=[(other, "participant")])
    make_case(library, "Черновик про отопление", team=[(mentor, "participant")], live=False)

    html = client.get(f"/members/{mentor.registry_number}/").content.decode()

    assert "Кровля течёт" in html
    assert role_label(CaseRole.MENTOR) in html
    assert "Мусор не вывозят" not in html
    assert "Черновик про отопление" not in html


def test_profile_query_count_does_not_grow_with_cases(client, directory):
    library = make_case_library()
    member = MemberFactory(public_profile=True)
    make_case(library, "Первый кейс", team=[(member, "mentor")])
    url = f"/members/{member.registry_number}/"
    client.get(url)
    with CaptureQueriesContext(connection) as one_case:
        client.get(url)
    for number in range(5):
        make_case(library, f"Ещё кейс {number}", team=[(member, "volunteer_expert")])
    with CaptureQueriesContext(connection) as six_cases:
        html = client.get(url).content.decode()
    assert html.count("Ещё кейс") == 5
    assert len(six_cases) == len(one_case)
