"""What every feature's tests build on: topics, images, the root page, admin users."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from wagtail.models import Page, Site

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
