"""The files an appeal carries: at most three images or PDFs, checked by what they hold.

A file's name and the type the browser claims are the sender's to choose, so neither is
trusted: the ``filetype`` library reads the file's first bytes (its "magic number"), and
only the types below pass. A program renamed ``photo.jpg`` is refused. Each file is stored
in the private storage under a random name with the extension of the type found.
"""

from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from caseclub_wagtail import conf
from caseclub_wagtail.appeals.models import Appeal, AppealAttachment

MAX_FILES = 3
# What a citizen photographs or scans: the image types of phones and cameras, and PDF.
ACCEPTED_TYPES = {
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "image/heic",
    "image/heif",
    "application/pdf",
}
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/gif,image/webp,image/heic,image/heif,.pdf"

TOO_MANY = ngettext_lazy(
    "Attach at most %(limit)d file.", "Attach at most %(limit)d files.", "limit"
)
TOO_LARGE = _("“%(name)s” is %(size)s: a file may be at most %(limit)s.")
NOT_ACCEPTED = _("“%(name)s” is not an image or a PDF document. Attach photos or PDF scans.")


@dataclass
class CheckedFile:
    """An upload that passed: the file, the type found in it and its extension."""

    upload: UploadedFile
    content_type: str
    extension: str

    @property
    def original_name(self) -> str:
        # Only the last part of what the browser sent: never a path.
        return PurePath(self.upload.name or "").name[:255]


def max_bytes() -> int:
    """The largest file an appeal may carry, in bytes (``APPEAL_ATTACHMENT_MB``)."""
    return int(conf.get("APPEAL_ATTACHMENT_MB") * 1024 * 1024)


def check_file(upload: UploadedFile) -> CheckedFile:
    """The upload with its type read from its content; ValidationError if it may not be kept."""
    name = PurePath(upload.name or "").name
    limit = max_bytes()
    if upload.size > limit:
        raise forms.ValidationError(
            TOO_LARGE,
            code="too_large",
            params={
                "name": name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(limit),
            },
        )
    upload.seek(0)
    kind = filetype.guess(upload.read(8192))
    upload.seek(0)
    if kind is None or kind.mime not in ACCEPTED_TYPES:
        raise forms.ValidationError(NOT_ACCEPTED, code="file_type", params={"name": name})
    return CheckedFile(upload=upload, content_type=kind.mime, extension=kind.extension)


def check_files(uploads: list[UploadedFile]) -> list[CheckedFile]:
    """Every upload checked; one ValidationError that lists each file refused."""
    if len(uploads) > MAX_FILES:
        raise forms.ValidationError(TOO_MANY, code="too_many", params={"limit": MAX_FILES})
    checked, errors = [], []
    for upload in uploads:
        try:
            checked.append(check_file(upload))
        except forms.ValidationError as error:
            errors.append(error)
    if errors:
        raise forms.ValidationError(errors)
    return checked


def store(appeal: Appeal, checked: CheckedFile) -> AppealAttachment:
    """Save one checked file in the private storage as an attachment of ``appeal``."""
    attachment = AppealAttachment(
        appeal=appeal,
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=checked.upload.size,
    )
    # The stored name keeps only the extension of the type found, not the sender's name.
    attachment.file.save(f"attachment.{checked.extension}", checked.upload, save=False)
    attachment.save()
    return attachment


def delete_files(attachments) -> int:
    """Delete the attachments' files from the storage (the rows stay); how many went."""
    deleted = 0
    for attachment in attachments:
        if attachment.file and attachment.file.storage.exists(attachment.file.name):
            attachment.file.storage.delete(attachment.file.name)
            deleted += 1
    return deleted
