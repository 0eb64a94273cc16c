"""Citizens' appeals: the form page, each appeal as sent, and its private attachments."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from caseclub_wagtail.appeals.choices import AppealStatus
from caseclub_wagtail.core.form_pages import PublicFormPage
from caseclub_wagtail.core.private_files import private_storage
from caseclub_wagtail.core.sequences import NumberSequence

APPEAL_SEQUENCE = "caseclub_wagtail.appeal"


class AppealFormPage(PublicFormPage):
    """The public form by which a citizen brings a problem to the club (1.4)."""

    template = "caseclub_wagtail/appeal_form_page.html"
    subpage_routes = "caseclub_wagtail.appeals.urls.form_routes"

    class Meta:
        verbose_name = _("appeal form")
        verbose_name_plural = _("appeal forms")


class Appeal(models.Model):
    """One appeal as the citizen sent it, and what the coordinators made of it."""

    number = models.PositiveIntegerField(
        _("reference number"), unique=True, editable=False, null=True
    )
    page = models.ForeignKey(
        AppealFormPage,
        verbose_name=_("form"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appeals",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AppealStatus.choices, default=AppealStatus.NEW
    )
    name = models.CharField(_("name"), max_length=255)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    address = models.CharField(_("building's address"), max_length=500)
    municipality = models.CharField(_("municipality"), max_length=255, blank=True)
    topic = models.ForeignKey(
        "caseclub_wagtail.Topic",
        verbose_name=_("topic"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    description = models.TextField(_("description"))
    note = models.TextField(_("coordinator's note"), blank=True)
    case = models.ForeignKey(
        "caseclub_wagtail.CaseStudyPage",
        verbose_name=_("case"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    anonymised_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        indexes = [models.Index(fields=["status", "created_at"], name="caseclub_appeal_status")]

    def __str__(self):
        return _("Appeal No. %(number)s") % {"number": self.number}

    def save(self, *args, **kwargs):
        if self.number is not None:
            super().save(*args, **kwargs)
            return
        try:
            with transaction.atomic():
                self.number = NumberSequence.next_value(APPEAL_SEQUENCE, floor=highest_number)
                super().save(*args, **kwargs)
        except Exception:
            self.number = None  # the counter rolled back with the failed save
            raise


def highest_number() -> int:
    """The highest reference number given, for a counter row that went missing."""
    return Appeal.objects.aggregate(highest=Max("number"))["highest"] or 0


def attachment_path(instance, filename: str) -> str:
    """A random name under ``appeals/<year>/<month>/``, not the name the sender gave."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"appeals/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class AppealAttachment(models.Model):
    """A file sent with an appeal (an image or a PDF), in the private storage."""

    appeal = models.ForeignKey(
        Appeal, verbose_name=_("appeal"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=attachment_path, max_length=255
    )
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("appeal attachment")
        verbose_name_plural = _("appeal attachments")

    def __str__(self):
        return self.original_name or PurePath(self.file.name).name
