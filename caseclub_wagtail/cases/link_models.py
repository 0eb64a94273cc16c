"""A case's related cases, in the editor's order (``CaseStudyPage.related_cases``); the
case form's chooser panel edits them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class RelatedCase(Orderable):
    """A case that this one names among its related cases, in the editor's order."""

    case = ParentalKey(
        "caseclub_wagtail.CaseStudyPage",
        on_delete=models.CASCADE,
        related_name="related_case_links",
    )
    related = models.ForeignKey(
        "caseclub_wagtail.CaseStudyPage",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="named_by_links",
    )

    panels = [FieldPanel("related")]

    class Meta(Orderable.Meta):
        verbose_name = _("related case")
        verbose_name_plural = _("related cases")
        constraints = [
            models.UniqueConstraint(fields=["case", "related"], name="caseclub_related_case_once")
        ]
