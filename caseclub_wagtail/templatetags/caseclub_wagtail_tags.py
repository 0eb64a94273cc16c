from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from caseclub_wagtail import conf
from caseclub_wagtail.core.safe_urls import safe_url

register = template.Library()

STYLES_RENDERED = "caseclub_wagtail_styles_rendered"


@register.simple_tag(takes_context=True)
def caseclub_wagtail_styles(context):
    """Link the package's stylesheet once per page.

    The layout calls this in the host's ``extra_css`` block and again at the
    top of ``content``: whichever the host's base template has renders first
    and prints the link; the second call prints nothing.
    """
    if context.render_context.get(STYLES_RENDERED):
        return ""
    context.render_context[STYLES_RENDERED] = True
    return format_html(
        '<link rel="stylesheet" href="{}">', static("caseclub_wagtail/css/caseclub_wagtail.css")
    )


@register.simple_tag
def caseclub_wrapper_class():
    """Return the classes of the element around a page: "caseclub" and the container's."""
    return " ".join(name for name in ("caseclub", conf.get("CONTAINER_CLASS")) if name)


@register.filter
def caseclub_safe_url(value):
    """A stored URL if it is an http, https or mailto link; "" for anything else.

    Use it with ``{% if %}``, so that no empty link is drawn::

        {% with url=member.website|caseclub_safe_url %}
        {% if url %}<a href="{{ url }}">{{ url }}</a>{% endif %}
        {% endwith %}
    """
    return safe_url(value)
