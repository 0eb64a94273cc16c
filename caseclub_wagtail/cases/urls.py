"""The sub-routes of the case pages, named by ``CaseStudyIndexPage`` and ``CaseStudyPage``."""

from django.urls import path

from caseclub_wagtail.cases import feeds, views

library_routes = [
    path("", views.library, name="library"),
    path("rss/", feeds.rss, name="rss"),
]

case_routes = [
    path("", views.case_page, name="case"),
]
