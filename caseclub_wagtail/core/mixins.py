from caseclub_wagtail import conf


class BaseTemplateMixin:
    """Give the package's page templates the host's base template to extend."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["caseclub_base_template"] = conf.get("BASE_TEMPLATE")
        return context
