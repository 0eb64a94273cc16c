"""Purging the member directory and a profile from a frontend cache when an entry changes."""

from django.db.models.signals import post_delete, post_save

from caseclub_wagtail.core import frontend_cache
from caseclub_wagtail.members.directory import MemberDirectoryPage
from caseclub_wagtail.members.models import Member


def directory_urls(registry_numbers=()) -> list[str]:
    """Each published directory's URL, and the profiles of ``registry_numbers`` on it."""
    numbers = [number for number in registry_numbers if number is not None]
    urls = []
    for directory in MemberDirectoryPage.objects.live():
        base = directory.get_full_url()
        if not base:
            continue
        paths = (directory.profile_path(number) for number in numbers)
        urls += [base] + [base + path.lstrip("/") for path in paths if path]
    return urls


def member_changed(instance, raw=False, **kwargs):
    """An entry saved or deleted: the directories, and the member's profile on each."""
    if not raw and frontend_cache.is_configured():
        frontend_cache.purge(urls=directory_urls([instance.registry_number]))


def register_signal_handlers() -> None:
    uid = "caseclub_wagtail.purge.member"
    post_save.connect(member_changed, sender=Member, dispatch_uid=uid + ".saved")
    post_delete.connect(member_changed, sender=Member, dispatch_uid=uid + ".deleted")
