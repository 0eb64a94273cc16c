"""Members and their rewards, the directory page, and the member form's POST data."""

import datetime

import factory
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from caseclub_wagtail.models import Member, MemberDirectoryPage, MemberReward
from tests.factories.core import root_page


class MemberFactory(factory.django.DjangoModelFactory):
    kind = "person"
    name = factory.Sequence(lambda n: f"Участник Номер {n}")
    municipality = "Волгоград"
    category = "owner"
    role = "member"
    status = "active"
    admitted_on = datetime.date(2025, 3, 1)
    public_profile = False
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
    root = root_page()
    page = MemberDirectoryPage(title=kwargs.pop("title", "Члены клуба"), slug="members", **kwargs)
    root.add_child(instance=page)
    page.save_revision().publish()
    return MemberDirectoryPage.objects.get(pk=page.pk)


def member_form_data(rewards=(), expertise=(), public_profile=False, **fields):
    """POST data of the member form, as the editor's browser would send it."""
    data = {
        "kind": "person",
        "name": "Иванова Мария Петровна",
        "organization": "",
        "municipality": "Волгоград",
        "category": "owner",
        "role": "member",
        "status": "active",
        "admitted_on": "2025-03-01",
        "terminated_on": "",
        "termination_ground": "",
        "termination_note": "",
        "bio": rich_text(""),
        "photo": "",
        "website": "",
        "email": "",
        "phone": "",
        "rewards": inline_formset(list(rewards)),
    }
    data.update(fields)
    data = nested_form_data(data)
    if public_profile:
        data["public_profile"] = "on"
    if expertise:
        data["expertise"] = [str(topic.pk) for topic in expertise]
    return data


def edit_form_data(member, **fields):
    """POST data of the edit form of ``member``, with ``fields`` changed."""
    data = {
        "kind": member.kind,
        "name": member.name,
        "organization": member.organization,
        "municipality": member.municipality,
        "category": member.category,
        "role": member.role,
        "status": member.status,
        "admitted_on": member.admitted_on.isoformat(),
        "terminated_on": member.terminated_on.isoformat() if member.terminated_on else "",
        "termination_ground": member.termination_ground,
        "termination_note": member.termination_note,
        "email": member.email,
        "phone": member.phone,
    }
    data.update(fields)
    return member_form_data(public_profile=member.public_profile, **data)
