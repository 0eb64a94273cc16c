"""Where the files people send (an appeal's attachments) are kept: never at a public URL.

The storage is the host's ``STORAGES[CASECLUB_WAGTAIL["PRIVATE_STORAGE"]]`` (by default the
alias ``"caseclub_private"``); a host without that alias gets a folder beside its
``MEDIA_ROOT``, outside it, and a warning from ``manage.py check``. Only the package's admin
views read these files, for signed-in coordinators.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.deconstruct import deconstructible

from caseclub_wagtail import conf


@deconstructible
class PrivateFileSystemStorage(FileSystemStorage):
    """A folder of files that has no URL: nothing in it is ever linked to."""

    def url(self, name):
        raise ValueError("Private files have no public URL; the admin serves them.")


def default_location() -> Path:
    """The folder used when the host names no private storage: beside MEDIA_ROOT."""
    media_root = Path(settings.MEDIA_ROOT or ".").resolve()
    return media_root.parent / "caseclub_private"


def has_private_storage() -> bool:
    """Whether the host configured the private storage's alias in ``STORAGES``."""
    return conf.get("PRIVATE_STORAGE") in settings.STORAGES


def private_storage():
    """The storage of private files (a callable, so a FileField reads it when it loads)."""
    if has_private_storage():
        return storages[conf.get("PRIVATE_STORAGE")]
    return PrivateFileSystemStorage(location=default_location())
