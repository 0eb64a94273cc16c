"""schema.org data in a page, as JSON-LD."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

from caseclub_wagtail.core.absolute_urls import page_url
from caseclub_wagtail.core.sites import current_site

SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def script(data: dict) -> SafeString:
    """``data`` as JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return mark_safe(text.translate(SCRIPT_ESCAPES))


def site_organization(request) -> dict:
    """The site that publishes the page, as a schema.org Organization."""
    site = current_site(request)
    name = (site.site_name if site else "") or getattr(settings, "WAGTAIL_SITE_NAME", "")
    organization = {"@type": "Organization", "name": name}
    home = page_url(site.root_page, request) if site is not None else ""
    if home:
        organization["url"] = home
    return organization
