"""Review of the inboxes: a NUL in a filter or the search is refused before any query.

PostgreSQL refuses a NUL character in any text it is given (a 500 there); the package's API
refuses one in its filters already, and so must the inboxes, on every database.
"""

import pytest

from tests.factories import AppealFactory, ApplicationFactory, ProposalFactory, TopicFactory

pytestmark = pytest.mark.clock


@pytest.mark.parametrize(
    ("inbox", "query"),
    [
        ("appeal", {"municipality": "Волж\x00ский"}),
        ("appeal", {"topic": "roof\x00"}),
        ("appeal", {"q": "\x00"}),
        ("membershipapplication", {"municipality": "\x00"}),
        ("membershipapplication", {"q": "Иван\x00"}),
        ("proposal", {"q": "\x00"}),
    ],
)
def test_a_nul_in_an_inbox_address_is_a_400(admin_client, inbox, query):
    AppealFactory(topic=TopicFactory(slug="roof"))
    ApplicationFactory()
    ProposalFactory()

    response = admin_client.get(f"/admin/caseclub_wagtail/{inbox}/", query)

    assert response.status_code == 400
    assert "не может принять" in response.content.decode()
