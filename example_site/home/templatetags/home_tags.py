from django import template
from django.conf import settings
from wagtail.models import Site

register = template.Library()


def _current_site(context):
    request = context.get("request")
    return Site.find_for_request(request) if request is not None else None


@register.simple_tag(takes_context=True)
def site_name(context):
    """Return the name of the current Wagtail site, or WAGTAIL_SITE_NAME."""
    site = _current_site(context)
    if site is not None and site.site_name:
        return site.site_name
    return getattr(settings, "WAGTAIL_SITE_NAME", "")


@register.inclusion_tag("home/tags/main_menu.html", takes_context=True)
def main_menu(context):
    """Render the main navigation: the live, public children of the site root shown in menus."""
    site = _current_site(context)
    current = context.get("page")
    current_path = getattr(current, "url_path", None) or ""
    items = []
    if site is not None:
        # Only base Page fields are shown, so one query brings the specific pages
        # with their own fields deferred.
        children = site.root_page.get_children().live().public().in_menu().specific(defer=True)
        items = [
            {"page": child, "is_current": current_path.startswith(child.url_path)}
            for child in children
        ]
    return {"request": context.get("request"), "items": items}
