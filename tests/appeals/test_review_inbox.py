"""Review of the appeals' inbox: a month at the calendar's edges is a bad filter, not a 500."""

import pytest

from tests.factories import AppealFactory

pytestmark = pytest.mark.clock
INBOX_URL = "/admin/caseclub_wagtail/appeal/"


@pytest.mark.parametrize("month", ["9999-12", "0001-01"])
@pytest.mark.parametrize("export", [None, "csv"])
def test_a_month_at_the_calendars_edge_is_a_400(admin_client, month, export):
    AppealFactory()
    query = {"received": month, **({"export": export} if export else {})}

    response = admin_client.get(INBOX_URL, query)

    assert response.status_code == 400
    assert "не может принять" in response.content.decode()
