import datetime

import factory
from wagtail.models import Page, Site

from caseclub_wagtail.models import Member, MemberDirectoryPage, MemberReward, Topic


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Тема {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")

    class Meta:
        model = Topic


class MemberFactory(factory.django.DjangoModelFactory):
    kind = "person"
    name = factory.Sequence(lambda n: f"Участник Номер {n}")
    municipality = "Волгоград"
    category = "owner"
    role = "member"
    status = "active"
    admitted_on = datetime.date(2025, 3, 1)
    public_profile = True
    email = factory.Sequence(lambda n: f"member{n}@example.org")
    phone = factory.Sequence(lambda n: f"+7 (8442) 55-{n % 100:02d}-{n % 97:02d}")

    class Meta:
        model = Member
        skip_postgeneration_save = True

    @factory.post_generation
    def expertise(self, create, extracted, **kwargs):
        if create and extracted:
            # A ParentalManyToManyField is written to the database on save.
            self.expertise.set(extracted)
            self.save()


class MemberRewardFactory(factory.django.DjangoModelFactory):
    member = factory.SubFactory(MemberFactory)
    date = datetime.date(2025, 12, 1)
    title = "Благодарственное письмо"
    reason = "За активное участие в заседаниях"

    class Meta:
        model = MemberReward


def make_directory(**kwargs) -> MemberDirectoryPage:
    """Add a published directory under the default site's root page."""
    root = Site.objects.get(is_default_site=True).root_page
    page = MemberDirectoryPage(title=kwargs.pop("title", "Члены клуба"), slug="members", **kwargs)
    root.add_child(instance=page)
    page.save_revision().publish()
    return MemberDirectoryPage.objects.get(pk=page.pk)


def root_page() -> Page:
    return Site.objects.get(is_default_site=True).root_page


class ImageFactory(factory.django.DjangoModelFactory):
    """A small PNG uploaded to the Wagtail image library, as a member's photo."""

    title = factory.Sequence(lambda n: f"Фото {n}")
    file = factory.django.ImageField(
        filename="photo.png", width=320, height=240, color="#2a6f97", format="PNG"
    )

    class Meta:
        model = "wagtailimages.Image"
