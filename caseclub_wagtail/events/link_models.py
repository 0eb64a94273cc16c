"""An event's chosen hosts and cases, in the editor's order (``EventPage.hosts``,
``EventPage.related_cases``); the event form's chooser panels edit them."""

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultipleChooserPanel
from wagtail.models import Orderable


def hosts_panel() -> MultipleChooserPanel:
    """The event form's chooser of hosts: it searches the registry, page by page."""
    return MultipleChooserPanel(
        "host_links",
        chooser_field_name="member",
        heading=capfirst(_("hosts")),
        label=_("host"),
        help_text=_(
            "members of the registry who lead the event; visitors see them in this "
            "order, and only those with a public profile"
        ),
    )


def cases_panel() -> MultipleChooserPanel:
    """The event form's chooser of the cases discussed: it searches the case library."""
    return MultipleChooserPanel(
        "case_links",
        chooser_field_name="case",
        heading=capfirst(_("cases discussed")),
        label=_("case"),
        help_text=_("visitors see only the published cases"),
    )


class EventHost(Orderable):
    """A registry member who hosts the event, in the order the editor named them."""

    event = ParentalKey(
        "caseclub_wagtail.EventPage", on_delete=models.CASCADE, related_name="host_links"
    )
    member = models.ForeignKey(
        "caseclub_wagtail.Member",
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="hosted_event_links",
    )

    panels = [FieldPanel("member")]

    class Meta(Orderable.Meta):
        verbose_name = _("host")
        verbose_name_plural = _("hosts")
        constraints = [
            models.UniqueConstraint(fields=["event", "member"], name="caseclub_event_host_once")
        ]


class EventCase(Orderable):
    """A case discussed at the event, in the editor's order."""

    event = ParentalKey(
        "caseclub_wagtail.EventPage", on_delete=models.CASCADE, related_name="case_links"
    )
    case = models.ForeignKey(
        "caseclub_wagtail.CaseStudyPage",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="event_links",
    )

    panels = [FieldPanel("case")]

    class Meta(Orderable.Meta):
        verbose_name = _("case discussed")
        verbose_name_plural = _("cases discussed")
        constraints = [
            models.UniqueConstraint(fields=["event", "case"], name="caseclub_event_case_once")
        ]
