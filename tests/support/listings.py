"""Reading the public listings' HTML: a page's text, the case cards' titles, the member cards."""

import html
import re

CASE_CARD_TITLE = re.compile(
    r'<h2 class="caseclub-case-card__title"><a href="(?P<href>[^"]*)">(?P<title>[^<]*)</a></h2>'
)
MEMBER_CARD_LINK = re.compile(
    r'<h2 class="caseclub-card__title"><a href="(?P<href>[^"]*)">(?P<name>[^<]*)</a></h2>'
)


def page_html(client, url, **params) -> str:
    """The text of the page at ``url``, which must answer 200."""
    response = client.get(url, params)
    assert response.status_code == 200, (url, params)
    return response.content.decode()


def case_titles(text) -> list[str]:
    """The titles of the case cards on a library page, in page order."""
    return [html.unescape(m["title"]) for m in CASE_CARD_TITLE.finditer(text)]


def member_cards(text) -> list[tuple[str, str]]:
    """The (link, name) of each member card on a directory page, in page order."""
    return [
        (html.unescape(m["href"]), html.unescape(m["name"]))
        for m in MEMBER_CARD_LINK.finditer(text)
    ]


def member_names(text) -> list[str]:
    return [name for _, name in member_cards(text)]
