"""Receiving appeals and what coordinators make of them: the one place that writes appeals.

An appeal and its files are saved in one transaction before any e-mail is sent: the
e-mails are queued in the outbox in that transaction and sent only once it commits, so a
mail server that is down never loses a submission. A coordinator's action locks the
appeal's row first, so two coordinators never both decide the same appeal.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from wagtail.coreutils import find_available_slug

from caseclub_wagtail.appeals import attachments, mail
from caseclub_wagtail.appeals.choices import AppealStatus
from caseclub_wagtail.appeals.models import Appeal
from caseclub_wagtail.cases.choices import AppealChannel
from caseclub_wagtail.cases.models import CaseAppeal, CaseStudyPage

# The states in which a coordinator may still decide an appeal.
OPEN_STATUSES = (AppealStatus.NEW, AppealStatus.ACCEPTED)
TITLE_LENGTH = 80


class AppealClosed(Exception):
    """The appeal is no longer in a state that allows the action (someone decided it)."""

    def __init__(self, appeal: Appeal):
        super().__init__(appeal.pk)
        self.appeal = appeal


def submit_appeal(form, *, page, request) -> Appeal:
    """Save the appeal of a valid ``AppealForm`` with its files; queue the e-mails."""
    data = form.cleaned_data
    stored = []
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(
                page=page,
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                address=data["address"],
                municipality=data["municipality"],
                topic=data["topic"],
                description=data["description"],
                consented_at=timezone.now(),
            )
            for checked in form.checked_files:
                stored.append(attachments.store(appeal, checked))
            mail.received(appeal)
            mail.tell_coordinators(appeal, page)
    except Exception:
        # The rows rolled back: their files must not stay in the storage either.
        attachments.delete_files(stored)
        raise
    return appeal


def locked(appeal: Appeal, allowed=OPEN_STATUSES) -> Appeal:
    """The appeal's row, locked until the transaction ends; AppealClosed if not ``allowed``."""
    current = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if current.status not in allowed:
        raise AppealClosed(current)
    return current


def decide(appeal: Appeal, user, status: str, note: str, allowed) -> Appeal:
    """Give the appeal ``status`` and the note, recording who did it; tell the citizen."""
    with transaction.atomic():
        current = locked(appeal, allowed)
        current.status = status
        current.note = note
        current.handled_by = user
        if status == AppealStatus.REJECTED:
            current.closed_at = timezone.now()
        current.save(update_fields=["status", "note", "handled_by", "closed_at", "updated_at"])
        mail.decided(current)
    return current


def accept(appeal: Appeal, user, note: str = "") -> Appeal:
    """Take a new appeal up (it stays open, to become or join a case)."""
    return decide(appeal, user, AppealStatus.ACCEPTED, note, (AppealStatus.NEW,))


def reject(appeal: Appeal, user, note: str = "") -> Appeal:
    """Decline an open appeal; it is closed."""
    return decide(appeal, user, AppealStatus.REJECTED, note, OPEN_STATUSES)


def case_appeal(appeal: Appeal, summary: str) -> CaseAppeal:
    """The anonymised entry of the appeal in a case, checked as the case library checks it."""
    entry = CaseAppeal(
        received_on=timezone.localdate(appeal.created_at),
        channel=AppealChannel.WEBSITE,
        summary=summary.strip(),
    )
    entry.full_clean(exclude=["case", "sort_order"])
    return entry


def mark_linked(appeal: Appeal, case: CaseStudyPage, user) -> Appeal:
    appeal.status = AppealStatus.LINKED
    appeal.case = case
    appeal.handled_by = user
    appeal.closed_at = timezone.now()
    appeal.save(update_fields=["status", "case", "handled_by", "closed_at", "updated_at"])
    mail.decided(appeal)
    return appeal


def create_draft_case(appeal: Appeal, library, summary: str, user, *, title="") -> CaseStudyPage:
    """A draft case under ``library`` raised by the appeal, which is then linked to it.

    ``summary`` is the coordinator's anonymised account: the case's summary and its
    appeal's. ValidationError when the case library's checks refuse it (a name, an
    address, a contact); PermissionDenied when ``user`` may not add a page there.
    """
    if not library.permissions_for_user(user).can_add_subpage():
        raise PermissionDenied
    title = title.strip() or Truncator(summary.strip()).chars(TITLE_LENGTH)
    with transaction.atomic():
        current = locked(appeal)
        case = CaseStudyPage(
            title=title,
            slug=find_available_slug(library, f"appeal-{current.number}"),
            summary=summary.strip(),
            municipality=current.municipality,
            owner=user,
            live=False,
        )
        case.appeals = [case_appeal(current, summary)]
        if current.topic_id:
            case.topics = [current.topic]
        library.add_child(instance=case)
        case.save_revision(user=user, log_action=True)
        mark_linked(current, case, user)
    return case


def link_case(appeal: Appeal, case: CaseStudyPage, summary: str, user) -> bool:
    """Add the appeal to an existing case and link it; True if the case was republished.

    The entry goes into the case's latest revision. A case that was live with nothing
    else unpublished is published again when ``user`` may publish it, so its appeal
    count grows at once; otherwise the entry waits in a draft for its editors.
    """
    permissions = case.permissions_for_user(user)
    if not permissions.can_edit():
        raise PermissionDenied
    publish = case.live and not case.has_unpublished_changes and permissions.can_publish()
    with transaction.atomic():
        current = locked(appeal)
        entry = case_appeal(current, summary)
        draft = case.get_latest_revision_as_object()
        draft.appeals.add(entry)
        revision = draft.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
        mark_linked(current, case, user)
    return publish


def library_choices(user, libraries):
    """The case libraries among ``libraries`` under which ``user`` may add a case."""
    return [page for page in libraries if page.permissions_for_user(user).can_add_subpage()]
