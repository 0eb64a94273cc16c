"""TEMPORARY stand-in of the guard helper's module, for the API's branch; replaced on merge.

Only the four functions the API calls, with trivial bodies.
"""

from django.utils.translation import gettext as _


def timing_token() -> str:
    """The signed timestamp a form is started with."""
    return "t"


def check_protection(data: dict, request) -> dict[str, str]:
    """The protection fields at fault (honeypot, timing, consent), with a message each."""
    if data.get("consent") is not True:
        return {"consent": _("Please give your consent to the processing of personal data.")}
    return {}


def is_rate_limited(request) -> bool:
    """Whether the request's address has sent too many forms lately."""
    return False


def consent_text(request) -> str:
    """The consent to the processing of personal data a form shows."""
    return "I consent to the processing of my personal data."
