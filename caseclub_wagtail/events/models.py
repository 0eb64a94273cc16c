"""The event pages: the index of events and the event, possibly repeating."""

import datetime
import uuid
import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from caseclub_wagtail.core.chosen import ChosenManyToManyField
from caseclub_wagtail.core.date_range import (
    clamp,
    moment_in_range,
    out_of_range_error,
    year_in_range,
)
from caseclub_wagtail.core.mixins import BaseTemplateMixin
from caseclub_wagtail.core.preview import HeadlessPreviewMixin
from caseclub_wagtail.core.routes import SubpageRoutesMixin
from caseclub_wagtail.core.safe_urls import safe_url
from caseclub_wagtail.core.search import STEMMED_FIELDS, StemmedPageMixin
from caseclub_wagtail.core.sites import VisiblePageManager
from caseclub_wagtail.events.admin_forms import EventPageForm
from caseclub_wagtail.events.api_fields import EVENT_PAGE_API_FIELDS
from caseclub_wagtail.events.blocks import EventBodyBlock
from caseclub_wagtail.events.choices import (
    EventAudience,
    EventFormat,
    EventKind,
    EventStatus,
    MonthlyRepeatBy,
    RegistrationMode,
    RepeatFrequency,
)
from caseclub_wagtail.events.link_models import cases_panel, hosts_panel
from caseclub_wagtail.events.occurrences import sync_occurrences
from caseclub_wagtail.events.places import Place
from caseclub_wagtail.events.recurrence import RULE_FIELDS, Rule, rule_from_fields
from caseclub_wagtail.events.rule_text import describe as describe_rule
from caseclub_wagtail.events.spans import Span
from caseclub_wagtail.events.time_zones import default_time_zone, known_zone, validate_time_zone

SCHEDULE_FIELDS = frozenset(
    {
        "live",
        "start",
        "end",
        "time_zone",
        "all_day",
        "status",
        "status_note",
        "repeat",
        "repeat_interval",
        "repeat_weekdays",
        "repeat_monthly_by",
        "repeat_until",
        "repeat_count",
    }
)


class EventIndexPage(HeadlessPreviewMixin, BaseTemplateMixin, SubpageRoutesMixin, Page):
    """Holds the club's events: upcoming and past lists, a month grid and an iCalendar feed."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = ["intro"]
    subpage_types = ["caseclub_wagtail.EventPage"]
    template = "caseclub_wagtail/event_index_page.html"
    subpage_routes = "caseclub_wagtail.events.urls.index_routes"

    objects = VisiblePageManager()

    class Meta:
        verbose_name = _("event index")
        verbose_name_plural = _("event indexes")

    def events(self):
        """The published, public events under this index."""
        return EventPage.objects.visible().descendant_of(self)


class EventPage(
    HeadlessPreviewMixin, BaseTemplateMixin, SubpageRoutesMixin, StemmedPageMixin, Page
):
    """A meeting, master class, internship or other event of the club, possibly repeating."""

    uid = models.UUIDField(_("calendar UID"), default=uuid.uuid4, editable=False, unique=True)
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0, editable=False)
    schedule_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    kind = models.CharField(
        _("kind"), max_length=20, choices=EventKind.choices, default=EventKind.MEETING
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text=_("the event's local time zone (IANA name); start and end are in this zone"),
    )
    all_day = models.BooleanField(
        _("all day"),
        default=False,
        help_text=_("for whole-day and multi-day events such as internships"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    status_note = models.CharField(
        _("status note"),
        max_length=255,
        blank=True,
        help_text=_("e.g. why the event was cancelled or where it moved"),
    )
    format = models.CharField(
        _("format"), max_length=20, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    venue_name = models.CharField(_("venue"), max_length=255, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    audience = models.CharField(
        _("audience"), max_length=20, choices=EventAudience.choices, default=EventAudience.OPEN
    )
    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(EventBodyBlock(), verbose_name=_("body"), blank=True)
    hosts = ChosenManyToManyField(
        "caseclub_wagtail.Member",
        verbose_name=_("hosts"),
        through="caseclub_wagtail.EventHost",
        related_name="hosted_events",
        blank=True,
    )
    topics = ParentalManyToManyField(
        "caseclub_wagtail.Topic", verbose_name=_("topics"), related_name="events", blank=True
    )
    related_cases = ChosenManyToManyField(
        "caseclub_wagtail.CaseStudyPage",
        verbose_name=_("cases discussed"),
        through="caseclub_wagtail.EventCase",
        related_name="events",
        blank=True,
    )
    registration = models.CharField(
        _("registration"),
        max_length=10,
        choices=RegistrationMode.choices,
        default=RegistrationMode.NONE,
    )
    registration_url = models.URLField(
        _("registration link"), blank=True, help_text=_("an external registration form")
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("seats per date; empty: unlimited")
    )
    registration_closes = models.PositiveSmallIntegerField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("hours before the start; empty: at the start"),
    )
    report = RichTextField(_("report"), blank=True, help_text=_("what happened, after the event"))
    materials = StreamField(
        [("document", DocumentChooserBlock(label=_("document")))],
        verbose_name=_("materials"),
        blank=True,
    )

    repeat = models.CharField(
        _("repeats"), max_length=10, choices=RepeatFrequency.choices, blank=True, default=""
    )
    repeat_interval = models.PositiveSmallIntegerField(
        _("every"), default=1, help_text=_("1 = every day/week/month/year, 2 = every other one…")
    )
    repeat_weekdays = models.CharField(
        _("on weekdays"), max_length=30, blank=True, help_text=_("for weekly events")
    )
    repeat_monthly_by = models.CharField(
        _("monthly"),
        max_length=20,
        choices=MonthlyRepeatBy.choices,
        default=MonthlyRepeatBy.DAY_OF_MONTH,
    )
    repeat_until = models.DateField(_("until"), null=True, blank=True)
    repeat_count = models.PositiveSmallIntegerField(_("number of times"), null=True, blank=True)

    exclude_fields_in_copy = ["uid", "sequence", "schedule_fingerprint"]
    base_form_class = EventPageForm

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("audience")]),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel([FieldPanel("time_zone"), FieldPanel("all_day")]),
                FieldRowPanel([FieldPanel("status"), FieldPanel("status_note")]),
            ],
            heading=capfirst(_("when")),
        ),
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldRowPanel([FieldPanel("venue_name"), FieldPanel("address")]),
                FieldPanel("online_url"),
            ],
            heading=capfirst(_("where")),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        hosts_panel(),
        cases_panel(),
        MultiFieldPanel(
            [
                FieldPanel("registration"),
                FieldPanel("registration_url"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_closes")]),
            ],
            heading=capfirst(_("registration")),
        ),
    ]
    repeat_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("repeat"), FieldPanel("repeat_interval")]),
                FieldPanel("repeat_weekdays"),
                FieldPanel("repeat_monthly_by"),
                FieldRowPanel([FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
            ],
            heading=capfirst(_("repetition")),
        ),
        InlinePanel(
            "occurrence_changes",
            heading=capfirst(_("cancelled and moved dates")),
            label=_("change to one date"),
        ),
    ]
    report_panels = [FieldPanel("report"), FieldPanel("materials")]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=capfirst(_("event"))),
            ObjectList(repeat_panels, heading=capfirst(_("repetition"))),
            ObjectList(report_panels, heading=capfirst(_("report"))),
            ObjectList(Page.promote_panels, heading=capfirst(_("promote"))),
            ObjectList(Page.settings_panels, heading=capfirst(_("settings"))),
        ]
    )

    stemmed_sources = ("summary",)  # the events API's search: title and summary
    search_fields = [
        *Page.search_fields,
        *STEMMED_FIELDS,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("start"),
    ]
    api_fields = EVENT_PAGE_API_FIELDS
    parent_page_types = ["caseclub_wagtail.EventIndexPage"]
    subpage_types = []
    template = "caseclub_wagtail/event_page.html"
    subpage_routes = "caseclub_wagtail.events.urls.event_routes"

    objects = VisiblePageManager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        # The calendar identity belongs to the page, not to one revision of it. Wagtail
        # also updates an alias from its original's content: the alias keeps its own.
        obj.uid = self.uid
        obj.sequence = self.sequence
        obj.schedule_fingerprint = self.schedule_fingerprint
        return obj

    def save(self, *args, **kwargs):
        adding = self._state.adding
        if adding and EventPage.objects.filter(uid=self.uid).exists():
            # Wagtail's alias action (also behind synced translation trees) copies every
            # field, ignoring exclude_fields_in_copy: the new page is a new calendar event.
            self.uid = uuid.uuid4()
            self.sequence = 0
            self.schedule_fingerprint = ""
        update_fields = kwargs.get("update_fields")
        # The stored dates are written in the same transaction as the page, whatever path
        # saved it (publishing, unpublishing, an alias, a copy, code): they can never
        # disagree with it. A save that writes only the draft's bookkeeping
        # (Wagtail's save_revision) leaves them alone: the live values have not changed.
        with transaction.atomic():
            super().save(*args, **kwargs)
            if update_fields is None or SCHEDULE_FIELDS.intersection(update_fields):
                sync_occurrences(self)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self) -> datetime.datetime:
        return self.start.astimezone(self.zone)

    @property
    def local_end(self) -> datetime.datetime:
        return self.end.astimezone(self.zone)

    @property
    def rule(self) -> Rule:
        return rule_from_fields({name: getattr(self, name) for name in RULE_FIELDS})

    @property
    def span(self) -> Span:
        """When the event (its first date, for a series) happens, as its own zone reads it."""
        return Span(self.start, self.end, self.time_zone, self.all_day, self)

    @property
    def rule_text(self) -> str:
        """How the event repeats, in words ("every second Thursday of the month at 18:00")."""
        # Clamped: a start stored out of range by code must not break the event's page.
        local_start = clamp(self.start, self).astimezone(self.zone)
        return describe_rule(self.rule, local_start, self.all_day)

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def online_url_is_private(self) -> bool:
        """Whether the online link reaches only registered members, never a page or feed."""
        return self.audience == EventAudience.MEMBERS_ONLY

    def format_on(self, status: str = "") -> str:
        """How the event (or one of its dates, by its ``status``) is attended: moved online
        is online, whatever the format says."""
        if EventStatus.MOVED_ONLINE in (status, self.status):
            return EventFormat.ONLINE
        return self.format

    def place(self, status: str = "") -> Place:
        """Where the event (or one of its dates, by its ``status``) happens, for anyone."""
        return Place.of(self, status)

    @property
    def public_online_url(self) -> str:
        """The online link as anyone may read it: "" for a members-only event or an unsafe URL.

        The page, its JSON-LD, the calendar links, the feeds and the API all read the
        link here and never ``online_url`` itself, so none of them can forget the rule.
        """
        if self.online_url_is_private:
            return ""
        return safe_url(self.online_url)

    def clean(self):
        super().clean()
        # Out-of-range dates first: every other check below computes with the dates.
        errors = {
            name: out_of_range_error()
            for name, in_range in (
                ("start", moment_in_range(self.start)),
                ("end", moment_in_range(self.end)),
                ("repeat_until", year_in_range(self.repeat_until)),
            )
            if not in_range
        }
        if errors:
            raise ValidationError(errors)
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The event cannot end before it starts.")
        if self.repeat_until and self.repeat_count:
            errors["repeat_count"] = _("Give either an end date or a number of times, not both.")
        if (
            self.repeat
            and self.repeat_until
            and self.start
            and known_zone(self.time_zone) is not None
        ):
            if self.repeat_until < self.local_start.date():
                errors["repeat_until"] = _("The repetition cannot end before the event starts.")
        if errors:
            raise ValidationError(errors)

