"""Fields of the package's page types in Wagtail's own API (v2): only what a visitor may read.

Each is a Django REST framework field named in a page model's ``api_fields`` with
``APIField(name, serializer=...)``. A choice comes as its ``code`` and its ``label`` in
the active language, as in the package's own API; a related page only if a visitor of the
request's site may open it.
"""

from rest_framework.fields import Field

from caseclub_wagtail.core.absolute_urls import page_url
from caseclub_wagtail.core.choices import code_and_label
from caseclub_wagtail.core.sites import current_site


class LabelledChoiceField(Field):
    """A stored choice as ``{"code": ..., "label": ...}``; null when empty."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        labelled = code_and_label(self.choices, value)
        return {"code": labelled[0], "label": labelled[1]} if labelled else None


class TopicsField(Field):
    """Topics as tags: ``slug`` (the value of the ``topic`` filters) and ``name``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, topics):
        return [{"slug": topic.slug, "name": topic.name} for topic in topics.all()]


class VisiblePagesField(Field):
    """Related pages a visitor of the request's site may open: ``id``, ``title``, ``url``.

    A draft, a page behind a view restriction or a page of another site is left out.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, pages):
        request = self.context.get("request")
        pks = [page.pk for page in pages.all()]
        if not pks or request is None:
            return []
        visible = pages.model.objects.visible_in(current_site(request)).filter(pk__in=pks)
        return [
            {"id": page.pk, "title": page.title, "url": page_url(page, request)}
            for page in visible.defer_streamfields().order_by("title")
        ]
