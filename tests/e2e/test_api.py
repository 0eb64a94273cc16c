"""A front-end developer reads the API: its documentation, and its JSON from a browser."""

from playwright.sync_api import expect


def test_the_interactive_documentation_lists_the_endpoints(page, live_server):
    page.goto("/api/caseclub/docs")

    for path in ("/api/caseclub/events/", "/api/caseclub/cases/", "/api/caseclub/members/"):
        expect(page.get_by_text(path, exact=True).first).to_be_visible()


def test_a_front_end_reads_the_upcoming_events_the_site_lists(page, demo):
    page.goto("/events/")
    first_listed = page.locator(".caseclub-event__title a").first.inner_text().strip()

    data = page.evaluate(
        """async () => {
            const response = await fetch("/api/caseclub/events/?upcoming=true&limit=100");
            return {status: response.status, body: await response.json()};
        }"""
    )

    assert data["status"] == 200
    titles = [item["title"] for item in data["body"]["items"]]
    assert first_listed in titles
    assert all("email" not in item and "phone" not in item for item in data["body"]["items"])
