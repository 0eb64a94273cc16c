"""Links to members' profiles: a number the directory cannot link never breaks a page."""

import pytest

from caseclub_wagtail.models import Member
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_a_public_member_links_to_their_profile(client, directory):
    member = MemberFactory(name="Ольга Наставница", public_profile=True)

    html = client.get("/members/").content.decode()

    assert f'href="/members/{member.registry_number}/"' in html


def test_a_registry_number_written_by_code_out_of_range_leaves_the_directory_working(
    client, directory
):
    member = MemberFactory(name="Номер Из Кода", public_profile=True)
    # A bulk update skips save(): nothing checks the number it writes.
    Member.objects.filter(pk=member.pk).update(registry_number=1_000_000_000)

    response = client.get("/members/")

    assert response.status_code == 200
    assert "Номер Из Кода" in response.content.decode()
    assert "/members/1000000000/" not in response.content.decode()
