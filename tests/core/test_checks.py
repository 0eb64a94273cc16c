"""The system checks that tell a host site what it still has to configure."""

import copy
from pathlib import Path

import pytest
from django.apps import apps
from django.core.checks import ERROR, run_checks

from caseclub_wagtail.checks import REQUIRED_APPS, check_base_template, check_required_apps

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"


@pytest.fixture
def uninstall(monkeypatch):
    """Take apps out of the app registry for one test, as if INSTALLED_APPS lacked them.

    ``override_settings(INSTALLED_APPS=...)`` would run every app's ``ready()`` a
    second time, which Wagtail's redirects app does not survive.
    """

    def uninstall(*names):
        for label, config in list(apps.app_configs.items()):
            if config.name in names:
                monkeypatch.delitem(apps.app_configs, label)
        assert not any(apps.is_installed(name) for name in names)

    return uninstall


def caseclub_errors():
    """What `manage.py check` reports about the package."""
    return [message for message in run_checks() if message.id.startswith("caseclub_wagtail.")]


def test_a_complete_host_site_passes_every_check():
    assert caseclub_errors() == []


@pytest.mark.parametrize("missing", REQUIRED_APPS)
def test_each_missing_required_app_is_reported(uninstall, missing):
    uninstall(missing)

    errors = check_required_apps(None)

    assert [(e.id, e.level) for e in errors] == [("caseclub_wagtail.E001", ERROR)]
    assert f"'{missing}'" in errors[0].msg
    assert f"'{missing}'" in errors[0].hint


def test_every_missing_app_is_reported_at_once(uninstall):
    uninstall("wagtail.contrib.routable_page", "taggit")

    errors = check_required_apps(None)

    assert [e.id for e in errors] == ["caseclub_wagtail.E001"] * 2
    assert {e.msg.split("'")[1] for e in errors} == {"wagtail.contrib.routable_page", "taggit"}


def test_manage_py_check_reports_a_missing_app(uninstall):
    uninstall("wagtail.contrib.routable_page")

    errors = caseclub_errors()

    assert [e.id for e in errors] == ["caseclub_wagtail.E001"]
    assert "'wagtail.contrib.routable_page'" in errors[0].msg


def test_a_missing_base_template_is_reported(settings):
    settings.CASECLUB_WAGTAIL = {"BASE_TEMPLATE": "theme/no_such_base.html"}

    errors = caseclub_errors()

    assert [(e.id, e.level) for e in errors] == [("caseclub_wagtail.E002", ERROR)]
    assert "theme/no_such_base.html" in errors[0].msg
    assert check_base_template(None) == errors


def test_the_default_base_template_must_exist_too(settings):
    settings.CASECLUB_WAGTAIL = {}
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = []  # the example site's base.html is no longer found
    settings.TEMPLATES = templates

    assert [e.id for e in check_base_template(None)] == ["caseclub_wagtail.E002"]
    assert "'base.html'" in check_base_template(None)[0].msg


def test_an_existing_base_template_of_the_host_passes(settings):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], TEMPLATES_DIR]
    settings.TEMPLATES = templates
    settings.CASECLUB_WAGTAIL = {"BASE_TEMPLATE": "host_with_extra_css.html"}

    assert check_base_template(None) == []
    assert caseclub_errors() == []


def test_a_base_template_with_a_syntax_error_is_reported(settings):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], TEMPLATES_DIR]
    settings.TEMPLATES = templates
    settings.CASECLUB_WAGTAIL = {"BASE_TEMPLATE": "host_with_syntax_error.html"}

    errors = check_base_template(None)

    assert [e.id for e in errors] == ["caseclub_wagtail.E003"]
    assert "host_with_syntax_error.html" in errors[0].msg


def deploy_warnings():
    """What `manage.py check --deploy` reports about the package."""
    return [
        message.id
        for message in run_checks(include_deployment_checks=True)
        if message.id.startswith("caseclub_wagtail.")
    ]


def test_a_deployment_on_a_per_process_cache_is_warned(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

    assert "caseclub_wagtail.W011" in deploy_warnings()
    # Only a deployment check: a developer's `manage.py check` stays quiet.
    assert caseclub_errors() == []


def test_a_shared_cache_passes_the_deployment_check(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "caseclub_cache",
        }
    }

    assert "caseclub_wagtail.W011" not in deploy_warnings()


def test_no_rate_limit_needs_no_shared_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.CASECLUB_WAGTAIL = {**settings.CASECLUB_WAGTAIL, "FORM_RATE_LIMIT": None}

    assert "caseclub_wagtail.W011" not in deploy_warnings()
