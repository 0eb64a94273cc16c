"""The sub-routes of the case library, named by ``CaseStudyIndexPage``."""

from django.urls import path

from caseclub_wagtail.cases import feeds, views

library_routes = [
    path("", views.library, name="library"),
    path("rss/", feeds.rss, name="rss"),
]
