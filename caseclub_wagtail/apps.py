from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseClubWagtailConfig(AppConfig):
    name = "caseclub_wagtail"
    label = "caseclub_wagtail"
    verbose_name = _("case club")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from caseclub_wagtail import checks  # noqa: F401  (registers the checks)
