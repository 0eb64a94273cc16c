"""CORS in the example site: a front end's origin from CASECLUB_CORS_ORIGINS, the APIs only."""

import runpy
from pathlib import Path

import pytest

import example_site

BASE_SETTINGS = Path(example_site.__file__).parent / "settings" / "base.py"
OPENAPI = "/api/caseclub/openapi.json"

pytestmark = pytest.mark.django_db


def test_an_allowed_origin_may_read_the_api(client):
    # tests/settings.py sets CASECLUB_CORS_ORIGINS=https://front.example, as a host would.
    response = client.get(OPENAPI, headers={"Origin": "https://front.example"})

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "https://front.example"
    assert "origin" in response["Vary"].lower()


def test_an_allowed_origin_may_ask_before_reading(client):
    response = client.options(
        OPENAPI,
        headers={"Origin": "https://front.example", "Access-Control-Request-Method": "GET"},
    )

    assert response["Access-Control-Allow-Origin"] == "https://front.example"


def test_another_origin_is_not_allowed(client):
    response = client.get(OPENAPI, headers={"Origin": "https://evil.example"})

    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


def test_the_sites_pages_are_not_opened_to_other_origins(client):
    response = client.get("/admin/login/", headers={"Origin": "https://front.example"})

    assert "Access-Control-Allow-Origin" not in response


def test_origins_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("CASECLUB_CORS_ORIGINS", "https://a.example, http://localhost:5173")

    settings = runpy.run_path(str(BASE_SETTINGS))

    assert settings["CORS_ALLOWED_ORIGINS"] == ["https://a.example", "http://localhost:5173"]
    assert "corsheaders" in settings["INSTALLED_APPS"]
    assert "corsheaders.middleware.CorsMiddleware" in settings["MIDDLEWARE"]


def test_without_the_variable_no_cors_is_set_up(monkeypatch):
    monkeypatch.delenv("CASECLUB_CORS_ORIGINS", raising=False)

    settings = runpy.run_path(str(BASE_SETTINGS))

    assert settings["CORS_ALLOWED_ORIGINS"] == []
    assert "corsheaders" not in settings["INSTALLED_APPS"]
    assert not any("corsheaders" in name for name in settings["MIDDLEWARE"])
