"""The one rule for the stored URLs the package renders as links.

A URL field is validated by its form, but code, an import or a StreamField's JSON
can store anything: ``javascript:alert(1)`` in a member's website would run in a
visitor's browser once drawn as a link. So every page, feed and calendar link
renders a stored URL through ``safe_url``, which passes only ``http``, ``https``
and ``mailto`` URLs and answers "" for anything else.

The scheme is read the way a browser reads it (the WHATWG URL standard): leading and
trailing spaces and control characters are dropped, tabs and line breaks inside
are removed, case does not matter. So ``" JaVa\\tScRiPt:..."`` is read as the
``javascript:`` it is, and refused. A URL without a scheme (``//evil.example``,
a relative path) is refused too: a stored link is meant to leave the site.
"""

import re
import unicodedata
from urllib.parse import urlsplit

from rest_framework.fields import CharField

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# The characters a browser removes from anywhere in a URL before reading it.
TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
# The ones it drops around it: C0 controls, space and DEL.
C0_AND_SPACE = "".join(chr(code) for code in range(0x21)) + "\x7f"
SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):", re.ASCII | re.IGNORECASE)


def _is_control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")


def safe_url(value) -> str:
    """``value`` if it is an http, https or mailto URL; "" for anything else."""
    if not value:
        return ""
    text = TAB_OR_NEWLINE.sub("", str(value))
    text = text.strip(C0_AND_SPACE).strip()
    # What is checked is what is rendered: with no control character left, a browser
    # reads this text's scheme exactly as it is checked here.
    if any(_is_control(char) for char in text):
        return ""
    match = SCHEME.match(text)
    if match is None or match[1].lower() not in SAFE_SCHEMES:
        return ""
    if match[1].lower() == "mailto":
        return text
    try:
        host = urlsplit(text).netloc
    except ValueError:  # e.g. "https://[::1": no browser would open it either
        return ""
    # "https:evil" or "https:/path": no host to go to.
    return text if host else ""


class SafeURLField(CharField):
    """An API field that gives a stored URL through ``safe_url``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        return safe_url(value)
