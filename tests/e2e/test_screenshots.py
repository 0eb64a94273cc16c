"""Screenshots of the main pages and admin screens, for the README.

`make screenshots` saves them under docs/screenshots/; in `make e2e` they go
to a temporary folder, so the suite still proves that every screen renders.
"""

import os
from pathlib import Path

from tests.e2e.pages import public_pages
from tests.e2e.viewports import DESKTOP, PHONE

ADMIN_SCREENS = {
    "admin-registry": "/admin/snippets/caseclub_wagtail/member/",
    "admin-member-edit": "/admin/snippets/caseclub_wagtail/member/edit/{member}/",
    "admin-case-edit": "/admin/pages/{case}/edit/",
}


def folder(tmp_path) -> Path:
    path = Path(os.environ.get("CASECLUB_SCREENSHOTS") or tmp_path)
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_screenshots_of_public_pages(page, demo, tmp_path):
    target = folder(tmp_path)
    filtered = (
        "member-directory-filtered",
        "case-library-filtered",
        "registration-form-series",
        "registration-form-members",
    )
    pages = {k: v for k, v in public_pages().items() if k not in filtered}
    for name, path in pages.items():
        for size_name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(viewport)
            page.goto(path)
            file = target / f"{name}-{size_name}.png"
            page.screenshot(path=str(file), full_page=size_name == "phone")
            assert file.stat().st_size > 5_000, file


def test_screenshots_of_admin_screens(editor_page, tmp_path):
    from caseclub_wagtail.models import CaseStudyPage, Member

    target = folder(tmp_path)
    member = Member.objects.get(role="chair", status="active")
    case = CaseStudyPage.objects.get(slug="wrong-heating-charges")
    for name, path in ADMIN_SCREENS.items():
        editor_page.goto(path.format(member=member.pk, case=case.pk))
        file = target / f"{name}-desktop.png"
        editor_page.screenshot(path=str(file))
        assert file.stat().st_size > 5_000, file
