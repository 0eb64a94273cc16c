"""The API describes itself: OpenAPI 3.1 from the code, and Swagger UI from local files."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_the_description_is_openapi_3_1_and_lists_every_endpoint(client):
    description = client.get("/api/caseclub/openapi.json").json()

    assert description["openapi"].startswith("3.1")
    assert {path.removeprefix("/api/caseclub/") for path in description["paths"]} == {
        "events/",
        "events/{id}/",
        "events/{id}/registrations/",
        "registrations/{token}/",
        "occurrences/",
        "cases/",
        "cases/{id}/",
        "members/",
        "members/{registry_number}/",
        "topics/",
        "proposals/",
        "applications/",
        "preview/{token}/",
        "appeals/",
    }


def test_the_interactive_documentation_loads_nothing_from_another_site(client):
    response = client.get("/api/caseclub/docs")

    assert response.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', response.content.decode())
    assert any(asset.endswith("swagger-ui-bundle.js") for asset in assets)
    for asset in assets:
        assert asset.startswith("/static/"), asset
        # Served from an installed package's static files, as collectstatic finds them.
        assert finders.find(asset.removeprefix("/static/")), asset
