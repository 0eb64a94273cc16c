"""What the appeals' tests read: messages as the Russian-speaking citizen is shown them."""

from django.utils import translation

from caseclub_wagtail.appeals.attachments import TOO_MANY


def too_many_in_russian() -> str:
    """The refusal of a fourth file, as the Russian-speaking citizen reads it (a plural)."""
    with translation.override("ru"):
        return str(TOO_MANY % {"limit": 3})
