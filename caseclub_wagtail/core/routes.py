"""Pages whose sub-routes (feeds, calendar, profiles) are listed beside their feature's views."""

import datetime

from django.urls.resolvers import RoutePattern
from django.utils.module_loading import import_string
from wagtail.contrib.routable_page.models import RoutablePageMixin


class SubpageRoutesMixin(RoutablePageMixin):
    """A routable page that names its list of sub-routes by dotted path.

    The list lives in the feature's ``urls`` module, next to the views it calls, and
    the page names it as a project names its ``ROOT_URLCONF``: so a model never imports
    the views that serve it, and imports run one way, views to models. Each view is
    called as Wagtail calls a route method: ``view(page, request, *args, **kwargs)``.
    """

    subpage_routes = ""
    # A function, by dotted path, giving the sub-route paths with arguments that a
    # frontend cache may hold (a month of the calendar), besides those without.
    extra_cached_paths = ""

    @classmethod
    def get_subpage_urls(cls):
        # Routes a host's subclass declares with @path come first, as Wagtail orders a
        # subclass's routes before its parents'; Wagtail's own default "" route is ours.
        declared = tuple(
            route
            for route in super().get_subpage_urls()
            if route.callback is not RoutablePageMixin.index_route
        )
        return declared + tuple(import_string(cls.subpage_routes))

    def get_cached_paths(self):
        """Every sub-route without arguments ("/", "/ical/"…), then ``extra_cached_paths``,
        for Wagtail's frontend cache invalidation."""
        paths = [
            "/" + str(route.pattern)
            for route in self.get_subpage_urls()
            if isinstance(route.pattern, RoutePattern) and not route.pattern.converters
        ]
        if self.extra_cached_paths:
            paths += import_string(self.extra_cached_paths)(self)
        return paths


class IsoDateConverter:
    """A ``yyyy-mm-dd`` path part as a date; an impossible date (2026-02-30) matches nothing."""

    regex = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"

    def to_python(self, value: str) -> datetime.date:
        return datetime.date.fromisoformat(value)  # ValueError: no match, so a 404

    def to_url(self, value: datetime.date) -> str:
        return value.isoformat()
