"""Membership applications: the form page and each application as sent."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caseclub_wagtail.applications.choices import ApplicationStatus
from caseclub_wagtail.core.form_pages import PublicFormPage
from caseclub_wagtail.members.choices import MemberCategory, MemberKind


class MembershipApplicationPage(PublicFormPage):
    """The public form by which a participant asks to be entered into the registry (3.5)."""

    template = "caseclub_wagtail/membership_application_page.html"
    subpage_routes = "caseclub_wagtail.applications.urls.form_routes"

    class Meta:
        verbose_name = _("membership application form")
        verbose_name_plural = _("membership application forms")


class MembershipApplication(models.Model):
    """One application as the person sent it: the registry's fields, and the decision."""

    page = models.ForeignKey(
        MembershipApplicationPage,
        verbose_name=_("form"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.NEW,
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=MemberKind.choices, default=MemberKind.PERSON
    )
    name = models.CharField(_("name"), max_length=255)
    organization = models.CharField(_("organisation"), max_length=255, blank=True)
    municipality = models.CharField(_("municipality"), max_length=255, blank=True)
    category = models.CharField(_("category"), max_length=30, choices=MemberCategory.choices)
    expertise = models.ManyToManyField(
        "caseclub_wagtail.Topic", verbose_name=_("expertise"), blank=True, related_name="+"
    )
    bio = models.TextField(_("about"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    public_profile = models.BooleanField(_("consents to a public profile"), default=False)
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("why the application was declined")
    )
    member = models.ForeignKey(
        "caseclub_wagtail.Member",
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    anonymised_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        indexes = [
            models.Index(fields=["status", "created_at"], name="caseclub_application_status")
        ]

    def __str__(self):
        return self.name or str(_("Application No. %(pk)s") % {"pk": self.pk})
