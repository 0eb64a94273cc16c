from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseClubWagtailConfig(AppConfig):
    name = "caseclub_wagtail"
    label = "caseclub_wagtail"
    verbose_name = _("case club")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from caseclub_wagtail import checks  # noqa: F401  (registers the checks)
        from caseclub_wagtail.cases import signals as case_signals
        from caseclub_wagtail.events import signals as event_signals
        from caseclub_wagtail.members import signals as member_signals

        # Purging a frontend cache (a CDN) when the host configured one.
        for signals in (member_signals, case_signals, event_signals):
            signals.register_signal_handlers()
