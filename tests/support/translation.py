"""What the Russian-speaking editor or visitor reads, for comparing with a page's text."""

from django.utils import translation


def in_russian(message: str, **params) -> str:
    """``message`` as the Russian-speaking editor is shown it."""
    with translation.override("ru"):
        return translation.gettext(message) % params if params else translation.gettext(message)


def russian_label(model, name: str) -> str:
    """The Russian verbose name of field ``name`` of ``model``."""
    with translation.override("ru"):
        return str(model._meta.get_field(name).verbose_name)
