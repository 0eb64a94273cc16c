"""Sub-routes named by path: a host's own @path routes in a subclass still count, first."""

from django.http import HttpResponse
from wagtail.contrib.routable_page.models import path

from caseclub_wagtail.core.routes import SubpageRoutesMixin


class HostIndex(SubpageRoutesMixin):
    """Stands for a host's subclass of EventIndexPage: the same routes, and one of its own."""

    subpage_routes = "caseclub_wagtail.events.urls.index_routes"

    @path("past/", name="host_past")
    def host_past(self, request):
        return HttpResponse("the host's own past events")


def test_the_package_routes_are_read_from_their_list():
    names = [route.name for route in HostIndex.get_subpage_urls()]

    assert names[-5:] == ["upcoming", "past", "calendar", "calendar_month", "ical"]


def test_a_host_route_comes_before_the_package_route_of_the_same_path():
    page = HostIndex()

    match = page.resolve_subpage("/past/")

    assert match.url_name == "host_past"
    assert match.func(None).content == b"the host's own past events"
    assert page.reverse_subpage("calendar_month", args=(2027, 3)) == "calendar/2027/3/"
