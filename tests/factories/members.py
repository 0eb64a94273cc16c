import datetime
import itertools

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


_case_slugs = itertools.count(1)


def make_case_library(slug="cases", title="Библиотека кейсов", **kwargs):
    """Add a published case library under the default site's root page."""
    from caseclub_wagtail.models import CaseStudyIndexPage

    library = CaseStudyIndexPage(title=title, slug=slug, **kwargs)
    root_page().add_child(instance=library)
    library.save_revision().publish()
    return CaseStudyIndexPage.objects.get(pk=library.pk)


def make_case(
    library,
    title="Протекает кровля после капремонта",
    *,
    appeals=(),
    timeline=(),
    team=(),
    topics=(),
    related=(),
    live=True,
    **fields,
):
    """Add a case under ``library``, published unless ``live`` is false, as an editor would.

    ``appeals`` are (received_on, channel, summary), ``timeline`` entries are
    (date, status, note) and ``team`` rows are (member, role).
    """
    from caseclub_wagtail.models import (
        CaseAppeal,
        CaseStudyPage,
        CaseTeamMember,
        CaseTimelineEntry,
    )

    fields.setdefault("summary", f"{title}: жильцы обратились в клуб.")
    fields.setdefault("slug", f"case-{next(_case_slugs)}")
    case = CaseStudyPage(title=title, **fields)
    case.appeals = [
        CaseAppeal(received_on=day, channel=channel, summary=text)
        for day, channel, text in appeals
    ]
    case.timeline = [
        CaseTimelineEntry(date=day, status=status, note=note) for day, status, note in timeline
    ]
    case.team = [CaseTeamMember(member=member, role=role) for member, role in team]
    case.topics = list(topics)
    case.related_cases = list(related)
    library.add_child(instance=case)
    revision = case.save_revision()
    if live:
        revision.publish()
    else:
        case.unpublish()
    return CaseStudyPage.objects.get(pk=case.pk)


def refresh_planner_statistics():
    """Let PostgreSQL's planner see the rows a test has just added, as autovacuum would.

    A test's rows stay uncommitted, so without this the planner takes every table
    for empty and may choose nested loops that take minutes over a few hundred rows.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
