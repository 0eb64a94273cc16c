"""The package's settings: one CASECLUB_WAGTAIL dict, read with defaults."""

import pytest
from django.test import override_settings

from caseclub_wagtail import conf
from tests.factories import MemberFactory

CARD = 'class="caseclub-card__title"'


@pytest.fixture
def no_package_settings(settings):
    del settings.CASECLUB_WAGTAIL


def test_defaults_apply_when_the_host_sets_nothing(no_package_settings):
    assert conf.get("BASE_TEMPLATE") == "base.html"
    assert conf.get("MEMBERS_PER_PAGE") == 24
    assert conf.get("MEMBER_PHOTO_FILTER") == "fill-160x160"


def test_defaults_fill_in_what_the_host_leaves_out(settings):
    settings.CASECLUB_WAGTAIL = {"MEMBERS_PER_PAGE": 6}

    assert conf.get("MEMBERS_PER_PAGE") == 6
    assert conf.get("BASE_TEMPLATE") == "base.html"
    assert conf.get("MEMBER_PHOTO_FILTER") == "fill-160x160"


def test_an_override_is_seen_and_reverts_afterwards():
    assert conf.get("MEMBERS_PER_PAGE") == 24  # read once, so the value is cached

    with override_settings(
        CASECLUB_WAGTAIL={"MEMBERS_PER_PAGE": 3, "BASE_TEMPLATE": "site/base.html"}
    ):
        assert conf.get("MEMBERS_PER_PAGE") == 3
        assert conf.get("BASE_TEMPLATE") == "site/base.html"
        with override_settings(CASECLUB_WAGTAIL={"MEMBER_PHOTO_FILTER": "fill-80x80"}):
            assert conf.get("MEMBER_PHOTO_FILTER") == "fill-80x80"
            assert conf.get("MEMBERS_PER_PAGE") == 24
        assert conf.get("MEMBER_PHOTO_FILTER") == "fill-160x160"
        assert conf.get("MEMBERS_PER_PAGE") == 3

    assert conf.get("MEMBERS_PER_PAGE") == 24
    assert conf.get("BASE_TEMPLATE") == "base.html"


def test_changing_another_setting_keeps_the_package_settings(settings):
    settings.CASECLUB_WAGTAIL = {"MEMBERS_PER_PAGE": 7}
    assert conf.get("MEMBERS_PER_PAGE") == 7

    settings.WAGTAIL_SITE_NAME = "Другой сайт"

    assert conf.get("MEMBERS_PER_PAGE") == 7


def test_the_directory_follows_a_changed_page_size(client, directory, settings):
    MemberFactory.create_batch(3, public_profile=True)
    assert client.get("/members/").content.decode().count(CARD) == 3

    settings.CASECLUB_WAGTAIL = {"MEMBERS_PER_PAGE": 2}

    assert client.get("/members/").content.decode().count(CARD) == 2


def test_pages_sit_in_the_package_container_by_default(client, directory, no_package_settings):
    assert conf.get("CONTAINER_CLASS") == "caseclub-container"

    text = client.get("/members/").content.decode()

    assert '<div class="caseclub caseclub-container">' in text


@pytest.mark.parametrize(
    ("container", "wrapper"),
    [
        ("container", '<div class="caseclub container">'),
        ("site-width page-body", '<div class="caseclub site-width page-body">'),
        ("", '<div class="caseclub">'),
        ('x" onclick="alert(1)', '<div class="caseclub x&quot; onclick=&quot;alert(1)">'),
    ],
)
def test_a_host_names_its_own_container_class(client, directory, settings, container, wrapper):
    settings.CASECLUB_WAGTAIL = {"CONTAINER_CLASS": container}

    text = client.get("/members/").content.decode()

    assert wrapper in text
    assert "caseclub-container" not in text


@pytest.mark.parametrize("name", ["MEMBER_PER_PAGE", "members_per_page", "SECRET_KEY", ""])
def test_an_unknown_setting_name_raises_key_error(name):
    with pytest.raises(KeyError, match=name or "Unknown"):
        conf.get(name)
