"""What editors keep for the package's public forms: the consent text and who is told."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="form")
class FormSettings(BaseSiteSetting):
    """The site's consent to the processing of personal data and the coordinators' address."""

    consent_text = models.TextField(
        _("consent to the processing of personal data"),
        blank=True,
        help_text=_(
            "shown beside the consent box of every public form (152-ФЗ); "
            "empty: the package's own wording"
        ),
    )
    coordinators_email = models.EmailField(
        _("coordinators' e-mail"),
        blank=True,
        help_text=_("told of every new registration and submission; empty: nobody is told"),
    )

    panels = [FieldPanel("consent_text"), FieldPanel("coordinators_email")]

    class Meta:
        verbose_name = _("public forms")
        verbose_name_plural = _("public forms")
