import datetime
import uuid
import zoneinfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Orderable, Page
from wagtail.search import index

from caseclub_wagtail import conf
from caseclub_wagtail.date_range import (
    clamp,
    moment_in_range,
    out_of_range_error,
    year_in_range,
)
from caseclub_wagtail.models.event_forms import EventPageForm
from caseclub_wagtail.models.mixins import BaseTemplateMixin
from caseclub_wagtail.recurrence import WEEKDAYS, Rule
from caseclub_wagtail.rule_text import describe as describe_rule
from caseclub_wagtail.safe_urls import SafeURLField, safe_url


def default_time_zone() -> str:
    return conf.get("DEFAULT_TIME_ZONE") or settings.TIME_ZONE


def validate_time_zone(value: str):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(zone)s” is not a known time zone. Use an IANA name such as Europe/Volgograd."),
            params={"zone": value},
            code="unknown_time_zone",
        )


class EventKind(models.TextChoices):
    """The club's forms of work (3.9 of the regulation)."""

    MEETING = "meeting", _("meeting")
    MASTER_CLASS = "master_class", _("master class")
    INTERNSHIP = "internship", _("internship")
    OTHER = "other", _("other event")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("scheduled")
    CANCELLED = "cancelled", _("cancelled")
    POSTPONED = "postponed", _("postponed")
    RESCHEDULED = "rescheduled", _("rescheduled")
    MOVED_ONLINE = "moved_online", _("moved online")


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    ONLINE = "online", _("online")
    HYBRID = "hybrid", _("in person and online")


class EventAudience(models.TextChoices):
    OPEN = "open", _("open to everyone")
    MEMBERS_ONLY = "members_only", _("club members only")


class RepeatFrequency(models.TextChoices):
    NONE = "", _("does not repeat")
    DAILY = "daily", _("daily")
    WEEKLY = "weekly", _("weekly")
    MONTHLY = "monthly", _("monthly")
    YEARLY = "yearly", _("yearly")


class MonthlyRepeatBy(models.TextChoices):
    DAY_OF_MONTH = "day_of_month", _("on the same day of the month (e.g. the 12th)")
    WEEKDAY = "weekday", _("on the same weekday (e.g. the second Thursday)")
    LAST_WEEKDAY = "last_weekday", _("on the last weekday of the month (e.g. the last Thursday)")


class EventBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("paragraph"))
    heading = blocks.CharBlock(label=_("heading"), form_classname="title")
    image = ImageChooserBlock(label=_("image"))
    document = DocumentChooserBlock(label=_("document"))
    embed = EmbedBlock(label=_("embed"))
    quote = blocks.BlockQuoteBlock(label=_("quote"))


# The columns of an event that decide its stored occurrences, and whether it has any.
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


class EventIndexPage(BaseTemplateMixin, RoutablePageMixin, Page):
    """Holds the club's events: upcoming and past lists, a month grid and an iCalendar feed."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = ["intro"]
    subpage_types = ["caseclub_wagtail.EventPage"]
    template = "caseclub_wagtail/event_index_page.html"

    class Meta:
        verbose_name = _("event index")
        verbose_name_plural = _("event indexes")

    @path("", name="upcoming")
    def upcoming(self, request):
        from caseclub_wagtail import event_views

        return event_views.occurrence_list(self, request, past=False)

    @path("past/", name="past")
    def past(self, request):
        from caseclub_wagtail import event_views

        return event_views.occurrence_list(self, request, past=True)

    @path("calendar/", name="calendar")
    @path("calendar/<int:year>/<int:month>/", name="calendar_month")
    def calendar(self, request, year=None, month=None):
        from caseclub_wagtail import event_views

        return event_views.month_grid(self, request, year, month)

    @path("ical/", name="ical")
    def ical(self, request):
        from caseclub_wagtail import ical

        return ical.index_response(self, request)

    def events(self):
        """The published, public events under this index."""
        return EventPage.objects.live().public().descendant_of(self)


class EventPage(BaseTemplateMixin, RoutablePageMixin, Page):
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
    hosts = ParentalManyToManyField(
        "caseclub_wagtail.Member",
        verbose_name=_("hosts"),
        related_name="hosted_events",
        blank=True,
    )
    topics = ParentalManyToManyField(
        "caseclub_wagtail.Topic", verbose_name=_("topics"), related_name="events", blank=True
    )
    related_cases = ParentalManyToManyField(
        "caseclub_wagtail.CaseStudyPage",
        verbose_name=_("cases discussed"),
        related_name="events",
        blank=True,
    )
    registration_url = models.URLField(
        _("registration link"), blank=True, help_text=_("an external registration form")
    )
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
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
        FieldPanel("hosts"),
        FieldPanel("related_cases", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("registration_url"), FieldPanel("capacity")],
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

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("start"),
    ]
    api_fields = [
        "kind",
        "start",
        "end",
        "time_zone",
        "all_day",
        "status",
        "status_note",
        "format",
        "venue_name",
        "address",
        # Under their own names, but only what a visitor may read (see public_online_url).
        APIField("online_url", serializer=SafeURLField(source="public_online_url")),
        "audience",
        "summary",
        "body",
        APIField("registration_url", serializer=SafeURLField()),
        "capacity",
        "report",
    ]
    parent_page_types = ["caseclub_wagtail.EventIndexPage"]
    subpage_types = []
    template = "caseclub_wagtail/event_page.html"

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
                from caseclub_wagtail.occurrences import sync_occurrences

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
        return Rule(
            frequency=self.repeat,
            interval=self.repeat_interval or 1,
            weekdays=tuple(code for code in self.repeat_weekdays.split(",") if code in WEEKDAYS),
            monthly_by_weekday=self.repeat_monthly_by
            in (MonthlyRepeatBy.WEEKDAY, MonthlyRepeatBy.LAST_WEEKDAY),
            monthly_by_last_weekday=self.repeat_monthly_by == MonthlyRepeatBy.LAST_WEEKDAY,
            until=self.repeat_until,
            count=self.repeat_count,
        )

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
            and self.time_zone in (zoneinfo.available_timezones())
        ):
            if self.repeat_until < self.local_start.date():
                errors["repeat_until"] = _("The repetition cannot end before the event starts.")
        if errors:
            raise ValidationError(errors)

    @path("", name="event")
    def event(self, request):
        from caseclub_wagtail import event_views

        return event_views.event_detail(self, request)

    @path("ical/", name="ical")
    def ical(self, request):
        from caseclub_wagtail import ical

        return ical.event_response(self, request)


class OccurrenceAction(models.TextChoices):
    CANCEL = "cancel", _("cancelled")
    MOVE = "move", _("moved")


class EventOccurrenceChange(Orderable):
    """One date of a repeating event, cancelled or moved by the editor."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="occurrence_changes")
    original_date = models.DateField(
        _("date in the series"), help_text=_("the date the occurrence was due on")
    )
    action = models.CharField(
        _("change"),
        max_length=10,
        choices=OccurrenceAction.choices,
        default=OccurrenceAction.CANCEL,
    )
    new_date = models.DateField(_("new date"), null=True, blank=True)
    new_start_time = models.TimeField(_("new start time"), null=True, blank=True)
    new_end_time = models.TimeField(_("new end time"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("original_date"), FieldPanel("action")]),
        FieldRowPanel(
            [FieldPanel("new_date"), FieldPanel("new_start_time"), FieldPanel("new_end_time")]
        ),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("change to one date")
        verbose_name_plural = _("changes to single dates")

    def clean(self):
        super().clean()
        errors = {
            name: out_of_range_error()
            for name in ("original_date", "new_date")
            if not year_in_range(getattr(self, name))
        }
        if errors:
            raise ValidationError(errors)
        if self.action == OccurrenceAction.MOVE and not self.new_date:
            raise ValidationError({"new_date": _("Enter the date the occurrence moves to.")})
        if self.new_start_time and self.new_end_time and self.new_end_time < self.new_start_time:
            raise ValidationError({"new_end_time": _("The new end is before the new start.")})


class EventOccurrence(models.Model):
    """One stored occurrence of a published event; listings and feeds read only these."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    original_start = models.DateTimeField(_("originally starts"))
    # The days it takes place on, as its event's zone reads them: the month filter
    # matches these, so an occurrence is listed under the months its dates are shown in.
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    status = models.CharField(_("status"), max_length=20, choices=EventStatus.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)
    is_moved = models.BooleanField(_("moved"), default=False)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("event occurrence")
        verbose_name_plural = _("event occurrences")
        indexes = [
            models.Index(fields=["start"], name="caseclub_occurrence_start"),
            models.Index(fields=["event", "start"], name="caseclub_occurrence_event"),
        ]

    def __str__(self):
        return f"{self.event_id} @ {self.start.isoformat()}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED
