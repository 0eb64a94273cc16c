"""Membership applications, their form page, and the form's POST data."""

import factory

from caseclub_wagtail.models import MembershipApplication, MembershipApplicationPage
from tests.factories.core import root_page


class ApplicationFactory(factory.django.DjangoModelFactory):
    kind = "person"
    name = factory.Sequence(lambda n: f"Заявитель Номер {n}")
    municipality = "Волжский"
    category = "owner"
    email = factory.Sequence(lambda n: f"applicant{n}@example.org")
    phone = "+79991234567"
    bio = "Председатель совета дома."

    class Meta:
        model = MembershipApplication
        skip_postgeneration_save = True

    @factory.post_generation
    def expertise(self, create, extracted, **kwargs):
        if create and extracted:
            self.expertise.set(extracted)


def make_application_page(**kwargs) -> MembershipApplicationPage:
    """Publish the membership application form under the default site's root page."""
    page = MembershipApplicationPage(
        title=kwargs.pop("title", "Вступить в клуб"), slug=kwargs.pop("slug", "join"), **kwargs
    )
    root_page().add_child(instance=page)
    page.save_revision().publish()
    return MembershipApplicationPage.objects.get(pk=page.pk)


def application_data(**fields) -> dict:
    """What a person types into the membership application form (protection aside)."""
    data = {
        "kind": "person",
        "name": "Сидорова Анна Викторовна",
        "organization": "ТСЖ «Волна»",
        "municipality": "Волгоград",
        "category": "hoa",
        "bio": "Десять лет в правлении ТСЖ.",
        "website": "",
        "email": "anna@example.org",
        "phone": "8 (8442) 55-12-34",
        "consent": "on",
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}
