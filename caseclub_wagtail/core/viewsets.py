"""The admin for topics."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from caseclub_wagtail.core.topics import Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    menu_order = 200
    list_display = ["name", "slug"]
    ordering = ["name"]
