"""The sub-routes of the event pages, named by ``EventIndexPage`` and ``EventPage``.

Wagtail serves a page path only when it ends with a slash and holds no dot: every
route here has that form (a management token is base64url with colons).
"""

from django.urls import path, register_converter

from caseclub_wagtail.core.routes import IsoDateConverter
from caseclub_wagtail.events import event_page, ical, views
from caseclub_wagtail.registrations import views as registration_views

register_converter(IsoDateConverter, "caseclub_date")

index_routes = [
    path("", views.upcoming, name="upcoming"),
    path("past/", views.past, name="past"),
    path("calendar/", views.month_grid, name="calendar"),
    path("calendar/<int:year>/<int:month>/", views.month_grid, name="calendar_month"),
    path("ical/", ical.index_response, name="ical"),
]

event_routes = [
    path("", event_page.event_detail, name="event"),
    path("ical/", ical.event_response, name="ical"),
    path("register/", registration_views.register, name="register"),
    path("register/<caseclub_date:date>/", registration_views.register_on, name="register_on"),
    path("registration/<str:token>/", registration_views.manage, name="registration"),
]
