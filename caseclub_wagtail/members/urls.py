"""The sub-routes of the member directory page, named by ``MemberDirectoryPage``."""

from django.urls import path, re_path

from caseclub_wagtail.members import views

directory_routes = [
    path("", views.directory, name="directory"),
    re_path(r"^([1-9][0-9]{0,8})/$", views.member_profile, name="member_profile"),
]
