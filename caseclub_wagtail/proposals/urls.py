"""The sub-routes of the form page (the form at the page's own URL)."""

from django.urls import path

from caseclub_wagtail.proposals import views

form_routes = [path("", views.form_page, name="form")]
