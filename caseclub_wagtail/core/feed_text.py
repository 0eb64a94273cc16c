"""Text as the feeds may carry it: without the control characters their formats forbid.

Editors paste text from Word, which brings control characters with it: a line break
is a vertical tab, a page break a form feed. XML 1.0 cannot hold them at all (Django's
RSS writer refuses, and the feed fails), and RFC 5545 TEXT may not hold them either.
"""

import re

# Word's line and page breaks: a space keeps the words either side of them apart.
BREAKS = re.compile("[\x0b\x0c]")
# XML 1.0 allows, of the C0 control characters, only tab, line feed and carriage return;
# nor does it allow U+FFFE, U+FFFF or a lone surrogate. DEL it allows, but it is no text.
NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# RFC 5545 TEXT allows tab of the control characters; icalendar writes line breaks as
# "\n" escapes.
NOT_ICAL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def xml_text(text: str) -> str:
    """``text`` as XML 1.0 can carry it."""
    return NOT_XML.sub("", BREAKS.sub(" ", text))


def ical_text(text: str) -> str:
    """``text`` as an iCalendar TEXT value can carry it; line breaks stay line breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return NOT_ICAL.sub("", BREAKS.sub(" ", text))


def ical_line(text: str) -> str:
    """``text`` as a one-line iCalendar TEXT value (a name, a title, a place)."""
    return " ".join(ical_text(text).split("\n"))
