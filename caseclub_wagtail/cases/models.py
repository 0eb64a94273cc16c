"""The case library: a housing or utilities problem followed from appeals to results."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from caseclub_wagtail.cases.admin_forms import CaseStudyPageForm
from caseclub_wagtail.cases.api_fields import CaseTeamField, VisiblePracticesField
from caseclub_wagtail.cases.blocks import (
    TEXT_FEATURES,
    PracticesBlock,
    ScenarioBlock,
    SolutionOptionsBlock,
)
from caseclub_wagtail.cases.choices import AppealChannel, CaseResult, CaseRole, CaseStatus
from caseclub_wagtail.cases.contact_errors import text_contact_errors
from caseclub_wagtail.cases.story import case_context
from caseclub_wagtail.core.api_fields import LabelledChoiceField, TopicsField, VisiblePagesField
from caseclub_wagtail.core.chosen import ChosenManyToManyField
from caseclub_wagtail.core.mixins import BaseTemplateMixin
from caseclub_wagtail.core.preview import HeadlessPreviewMixin
from caseclub_wagtail.core.routes import SubpageRoutesMixin
from caseclub_wagtail.core.search import (
    STEMMED_FIELDS,
    StemmedPageMixin,
    plain_text,
    stem_text,
)
from caseclub_wagtail.core.sites import VisiblePageManager


class CaseStudyIndexPage(HeadlessPreviewMixin, BaseTemplateMixin, SubpageRoutesMixin, Page):
    """The case library: filters with counts, search, ordering and an RSS feed."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = ["intro"]
    subpage_types = ["caseclub_wagtail.CaseStudyPage"]
    template = "caseclub_wagtail/case_study_index_page.html"
    subpage_routes = "caseclub_wagtail.cases.urls.library_routes"

    objects = VisiblePageManager()

    class Meta:
        verbose_name = _("case library")
        verbose_name_plural = _("case libraries")

    def cases(self):
        """The published, public cases in this library."""
        return CaseStudyPage.objects.visible().descendant_of(self)


class CaseStudyPage(HeadlessPreviewMixin, BaseTemplateMixin, StemmedPageMixin, Page):
    """One case, told as a story: problem, appeals, scenarios, options, timeline, result."""

    summary = models.TextField(
        _("summary"), help_text=_("the problem in one or two sentences, anonymised")
    )
    problem = RichTextField(
        _("problem"),
        features=TEXT_FEATURES,
        blank=True,
        help_text=_("the situation, anonymised: no names, addresses or contacts of residents"),
    )
    topics = ParentalManyToManyField(
        "caseclub_wagtail.Topic",
        verbose_name=_("topics"),
        related_name="case_studies",
        blank=True,
    )
    municipality = models.CharField(
        _("municipality"),
        max_length=255,
        blank=True,
        help_text=_("city or district of the region"),
    )
    scenarios = StreamField(
        [("scenario", ScenarioBlock())], verbose_name=_("scenarios"), blank=True
    )
    solution_options = StreamField(
        SolutionOptionsBlock(), verbose_name=_("solution options"), blank=True
    )
    practices = StreamField(
        PracticesBlock(), verbose_name=_("practices and resources"), blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CaseStatus.choices,
        default=CaseStatus.NEW,
        editable=False,
        help_text=_("the status of the latest timeline entry"),
    )
    result = models.CharField(
        _("result"), max_length=20, choices=CaseResult.choices, default=CaseResult.PENDING
    )
    outcome = RichTextField(_("outcome"), features=TEXT_FEATURES, blank=True)
    lessons = RichTextField(
        _("lessons"), features=TEXT_FEATURES, blank=True, help_text=_("what others can learn")
    )
    related_cases = ChosenManyToManyField(
        "self",
        verbose_name=_("related cases"),
        through="caseclub_wagtail.RelatedCase",
        through_fields=("case", "related"),
        symmetrical=False,
        blank=True,
    )
    first_appeal_on = models.DateField(_("first appeal"), null=True, editable=False)

    base_form_class = CaseStudyPageForm

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("problem"),
        FieldRowPanel([FieldPanel("municipality"), FieldPanel("status", read_only=True)]),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        InlinePanel("appeals", heading=capfirst(_("appeals")), label=_("appeal")),
    ]
    analysis_panels = [
        FieldPanel("scenarios"),
        FieldPanel("solution_options"),
        FieldPanel("practices"),
    ]
    progress_panels = [
        InlinePanel(
            "timeline",
            heading=capfirst(_("monitoring timeline")),
            label=_("timeline entry"),
            help_text=_("the case's status is the status of the latest entry"),
        ),
        MultiFieldPanel(
            [FieldPanel("result"), FieldPanel("outcome"), FieldPanel("lessons")],
            heading=capfirst(_("result")),
        ),
        InlinePanel("team", heading=capfirst(_("team")), label=_("team member")),
        MultipleChooserPanel(
            "related_case_links",
            chooser_field_name="related",
            heading=capfirst(_("related cases")),
            label=_("case"),
            help_text=_(
                "cases like this one; the page also lists the cases that name this one, "
                "and visitors see only the published ones"
            ),
        ),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=capfirst(_("problem"))),
            ObjectList(analysis_panels, heading=capfirst(_("analysis"))),
            ObjectList(progress_panels, heading=capfirst(_("progress and result"))),
            ObjectList(Page.promote_panels, heading=capfirst(_("promote"))),
            ObjectList(Page.settings_panels, heading=capfirst(_("settings"))),
        ]
    )

    # What the library's search reads: the stems of what a visitor sees (core.search).
    search_fields = [
        *Page.search_fields,
        *STEMMED_FIELDS,
        index.SearchField("summary", boost=1.5),
        index.SearchField("problem"),
        index.SearchField("municipality"),
        index.SearchField("outcome"),
        index.SearchField("lessons"),
        index.SearchField("scenarios"),
        index.SearchField("solution_options"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("status"),
        index.FilterField("result"),
        index.FilterField("municipality"),
    ]
    api_fields = [
        "summary",
        "problem",
        "municipality",
        APIField("topics", serializer=TopicsField()),
        "appeals",
        "scenarios",
        "solution_options",
        APIField("practices", serializer=VisiblePracticesField()),
        APIField("status", serializer=LabelledChoiceField(CaseStatus)),
        APIField("result", serializer=LabelledChoiceField(CaseResult)),
        "timeline",
        "outcome",
        "lessons",
        APIField("team", serializer=CaseTeamField()),
        APIField("related_cases", serializer=VisiblePagesField()),
        # Where the case was discussed: the events a visitor may open.
        APIField("events", serializer=VisiblePagesField()),
        "first_appeal_on",
    ]
    parent_page_types = ["caseclub_wagtail.CaseStudyIndexPage"]
    subpage_types = []
    template = "caseclub_wagtail/case_study_page.html"
    objects = VisiblePageManager()

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(case_context(self, request))
        return context

    def stemmed_text(self) -> str:
        """The stems of the texts and topics a visitor reads on the case's page."""
        streams = [
            self._meta.get_field(name).get_searchable_content(getattr(self, name))
            for name in ("scenarios", "solution_options")
        ]
        return stem_text(
            plain_text(
                self.summary,
                self.problem,
                self.municipality,
                self.outcome,
                self.lessons,
                *(topic.name for topic in self.topics.all()),
                *(text for stream in streams for text in stream),
            )
        )

    def timeline_in_order(self) -> list:
        """The timeline entries by date; entries of one day keep the editor's order."""
        entries = sorted(enumerate(self.timeline.all()), key=lambda item: (item[1].date, item[0]))
        return [entry for _position, entry in entries]

    def latest_status(self, timeline=None) -> str:
        """The status of the latest timeline entry; ``new`` if there is none."""
        timeline = self.timeline_in_order() if timeline is None else timeline
        return timeline[-1].status if timeline else CaseStatus.NEW

    def appeals_in_order(self) -> list:
        return sorted(self.appeals.all(), key=lambda appeal: appeal.received_on)

    def first_appeal_date(self, appeals=None):
        appeals = self.appeals_in_order() if appeals is None else appeals
        return appeals[0].received_on if appeals else None

    @staticmethod
    def entries_before_first_appeal(appeal_dates, entries) -> list:
        """The ``(entry, error)`` pairs for the timeline entries dated before the first appeal.

        ``entries`` are ``(entry, date)`` pairs: the page's own rows, or the rows of the
        editor's form, which maps each error onto its row's date.
        """
        dates = [day for day in appeal_dates if day]
        if not dates:
            return []
        first = min(dates)
        error = ValidationError(
            _(
                "This entry is dated before the first appeal (%(first)s). "
                "The timeline starts with the appeals."
            ),
            code="before_first_appeal",
            params={"first": date_format(first, "SHORT_DATE_FORMAT")},
        )
        return [(entry, error) for entry, day in entries if day and day < first]

    def clean(self):
        super().clean()
        errors = text_contact_errors(
            self,
            ["title", "summary", "problem", "outcome", "lessons"],
            rich_text=["problem", "outcome", "lessons"],
        )
        early = self.entries_before_first_appeal(
            [appeal.received_on for appeal in self.appeals.all()],
            [(entry, entry.date) for entry in self.timeline.all()],
        )
        if early:
            errors[NON_FIELD_ERRORS] = [error for _entry, error in early]
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # Both are derived from the inline lists, so they cannot disagree with them.
        self.status = self.latest_status()
        self.first_appeal_on = self.first_appeal_date()
        super().save(*args, **kwargs)


class CaseAppeal(Orderable):
    """A citizens' appeal (обращение) that raised or fed the case, anonymised."""

    case = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="appeals")
    received_on = models.DateField(_("received on"))
    channel = models.CharField(
        _("channel"), max_length=20, choices=AppealChannel.choices, default=AppealChannel.LETTER
    )
    summary = models.TextField(
        _("summary"), help_text=_("anonymised: no names, addresses, e-mail or phone numbers")
    )

    panels = [
        FieldRowPanel([FieldPanel("received_on"), FieldPanel("channel")]),
        FieldPanel("summary"),
    ]
    api_fields = [
        "received_on",
        APIField("channel", serializer=LabelledChoiceField(AppealChannel)),
        "summary",
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def clean(self):
        super().clean()
        errors = {}
        if self.received_on and self.received_on > timezone.localdate():
            errors["received_on"] = _("An appeal cannot be received in the future.")
        errors.update(text_contact_errors(self, ["summary"]))
        if errors:
            raise ValidationError(errors)


class CaseTimelineEntry(Orderable):
    """One step of the case's monitoring: what happened, and where the case stood after it."""

    case = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="timeline")
    date = models.DateField(_("date"))
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.IN_PROGRESS
    )
    note = models.TextField(_("note"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("status")]),
        FieldPanel("note"),
    ]
    api_fields = [
        "date",
        APIField("status", serializer=LabelledChoiceField(CaseStatus)),
        "note",
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")

    def clean(self):
        super().clean()
        errors = {}
        if self.date and self.date > timezone.localdate():
            errors["date"] = _("A timeline entry cannot be dated in the future.")
        errors.update(text_contact_errors(self, ["note"]))
        if errors:
            raise ValidationError(errors)


class CaseTeamMember(Orderable):
    """A registry member who worked on the case, and in what role."""

    case = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="team")
    member = models.ForeignKey(
        "caseclub_wagtail.Member",
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="case_roles",
    )
    role = models.CharField(
        _("role in the case"),
        max_length=20,
        choices=CaseRole.choices,
        default=CaseRole.PARTICIPANT,
    )

    panels = [FieldRowPanel([FieldPanel("member"), FieldPanel("role")])]

    class Meta(Orderable.Meta):
        verbose_name = _("team member")
        verbose_name_plural = _("team")
