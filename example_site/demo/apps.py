from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "example_site.demo"
    label = "demo"
    verbose_name = _("demo content")
    default_auto_field = "django.db.models.BigAutoField"
