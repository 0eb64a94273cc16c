"""The case page's context is the page's own: a host's subclass or view reads it too."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import MemberFactory, make_case, make_case_library

pytestmark = pytest.mark.django_db


def test_get_context_holds_the_team_as_a_visitor_may_see_it(rf, directory):
    library = make_case_library()
    public = MemberFactory(name="Ольга Наставница", public_profile=True)
    hidden = MemberFactory(name="Скрытый Участник", public_profile=False)
    case = make_case(library, team=[(public, "mentor"), (hidden, "participant")])
    request = rf.get(case.url)
    request.user = AnonymousUser()

    context = case.get_context(request)

    names = [row["name"] for row in context["team"]]
    assert "Ольга Наставница" in names
    assert "Скрытый Участник" not in names
    assert context["team"][0]["profile_url"].endswith(f"/{public.registry_number}/")
    assert '"@type": "Article"' in context["json_ld"]


def test_serving_the_case_without_a_route_shows_its_team(rf, directory):
    library = make_case_library()
    mentor = MemberFactory(name="Ольга Наставница", public_profile=True)
    case = make_case(library, team=[(mentor, "mentor")])
    request = rf.get(case.url)
    request.user = AnonymousUser()

    html = case.serve(request).render().content.decode()

    assert "Ольга Наставница" in html
