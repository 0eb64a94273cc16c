"""Proposals to improve the club's work (3.6): the form page and each proposal as sent."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from caseclub_wagtail.core.form_pages import PublicFormPage
from caseclub_wagtail.proposals.choices import ProposalStatus
from caseclub_wagtail.proposals.listing import accepted_proposals


class ProposalFormPage(PublicFormPage):
    """The public form for proposals; it may list the accepted ones with the club's replies."""

    list_accepted = models.BooleanField(
        _("list accepted proposals"),
        default=False,
        help_text=_(
            "show the accepted proposals' titles and the club's replies below the form; "
            "an author is named only when they are a member with a public profile"
        ),
    )

    content_panels = PublicFormPage.content_panels + [FieldPanel("list_accepted")]
    api_fields = [*PublicFormPage.api_fields, "list_accepted"]
    template = "caseclub_wagtail/proposal_form_page.html"
    subpage_routes = "caseclub_wagtail.proposals.urls.form_routes"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.list_accepted:
            context["accepted"] = accepted_proposals(self, request)
        return context

    class Meta:
        verbose_name = _("proposal form")
        verbose_name_plural = _("proposal forms")


class Proposal(models.Model):
    """One proposal as its author sent it, and the club's reply."""

    page = models.ForeignKey(
        ProposalFormPage,
        verbose_name=_("form"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.NEW
    )
    name = models.CharField(_("name"), max_length=255)
    registry_number = models.PositiveIntegerField(_("registry number"), null=True, blank=True)
    member = models.ForeignKey(
        "caseclub_wagtail.Member",
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    email = models.EmailField(_("e-mail"))
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("what the public listing shows")
    )
    text = models.TextField(_("proposal"))
    reply = models.TextField(_("reply"), blank=True)
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    anonymised_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [models.Index(fields=["status", "created_at"], name="caseclub_proposal_status")]

    def __str__(self):
        return self.title or self.text[:60]
