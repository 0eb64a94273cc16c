"""What every feature's tests build on: topics, images, the root page, admin users."""

import factory
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from caseclub_wagtail.models import Topic


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Тема {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")

    class Meta:
        model = Topic


class ImageFactory(factory.django.DjangoModelFactory):
    """A small PNG uploaded to the Wagtail image library, as a member's photo."""

    title = factory.Sequence(lambda n: f"Фото {n}")
    file = factory.django.ImageField(
        filename="photo.png", width=320, height=240, color="#2a6f97", format="PNG"
    )

    class Meta:
        model = "wagtailimages.Image"


def root_page() -> Page:
    """The default site's root page, under which the tests publish their pages."""
    return Site.objects.get(is_default_site=True).root_page


def admin_user(*codenames, username="user"):
    """A user who may enter the Wagtail admin, with only the package's ``codenames``."""
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    perms = Permission.objects.filter(
        content_type__app_label__in=["wagtailadmin", "caseclub_wagtail"],
        codename__in=["access_admin", *codenames],
    )
    assert perms.count() == len(codenames) + 1, codenames
    user.user_permissions.set(perms)
    return user


def ensure_default_site() -> Site:
    """The default site, made again (as Wagtail's migrations make it) if a flush removed it.

    A ``transaction=True`` test empties every table when it ends; a later one of those in
    the same process then finds no site, root page or locale to publish pages under.
    """
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=Page(title="Welcome to your new Wagtail site!", slug="home"))
    return Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
