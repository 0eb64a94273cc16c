"""Review of the proposals' API: its form is described afresh for each caller, as the others."""

import pytest

from tests.factories import make_appeal_page, make_application_page, make_proposal_page
from tests.support.api_reading import API

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


@pytest.mark.parametrize("endpoint", ["appeals/", "applications/", "proposals/"])
def test_no_forms_description_is_kept_by_a_cache(client, endpoint):
    make_appeal_page()
    make_application_page()
    make_proposal_page().save_revision().publish()

    response = client.get(API + endpoint)

    # Its timing token is made for this answer: a shared cache would hand it to everyone.
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
