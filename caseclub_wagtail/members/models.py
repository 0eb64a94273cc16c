from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Orderable, ReferenceIndex, RevisionMixin
from wagtail.search import index

from caseclub_wagtail.core.search import stem_text
from caseclub_wagtail.core.sequences import NumberSequence
from caseclub_wagtail.members.choices import (
    MemberCategory,
    MemberKind,
    MemberRole,
    MemberStatus,
    TerminationGround,
)
from caseclub_wagtail.members.erasure import blank_value, without_values
from caseclub_wagtail.members.querysets import MemberQuerySet

REGISTRY_SEQUENCE = "member-registry"

# Codenames of the registry's own permissions (Member.Meta.permissions).
VIEW_CONTACTS_PERMISSION = "caseclub_wagtail.view_member_contacts"
ERASE_PERMISSION = "caseclub_wagtail.erase_member_personal_data"
CHOOSE_PERMISSION = "caseclub_wagtail.choose_member"

ERASE_LOG_ACTION = "caseclub_wagtail.erase_personal_data"

CONTACT_FIELDS = ("email", "phone")
# What erasure clears: the contacts and the public profile. The registry keeps the
# record the regulation needs (3.5, 3.8): number, name, kind, organisation represented,
# municipality, category, role, status, dates, ground and note, and the rewards (3.6).
ERASABLE_FIELDS = ("email", "phone", "bio", "photo", "website", "expertise", "public_profile")


class RegistryNumberPanel(FieldPanel):
    """The read-only registry number; a new entry says when it gets one, not «None»."""

    def format_value_for_display(self, value):
        if value is None:
            return _("assigned when the entry is saved")
        return super().format_value_for_display(value)


class Member(RevisionMixin, index.Indexed, ClusterableModel):
    """An entry of the members' registry (реестр членов, 3.5 of the regulation)."""

    registry_number = models.PositiveIntegerField(
        _("registry number"),
        unique=True,
        editable=False,
        null=True,
        help_text=_("assigned automatically when the entry is created; never reused"),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=MemberKind.choices, default=MemberKind.PERSON
    )
    name = models.CharField(
        _("name"),
        max_length=255,
        help_text=_("full name of the person, or the name of the organisation"),
    )
    organization = models.CharField(
        _("organisation"),
        max_length=255,
        blank=True,
        help_text=_("for a person, the organisation they represent"),
    )
    municipality = models.CharField(
        _("municipality"),
        max_length=255,
        blank=True,
        help_text=_("city or district of the region"),
    )
    category = models.CharField(_("category"), max_length=30, choices=MemberCategory.choices)
    role = models.CharField(
        _("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MemberStatus.choices, default=MemberStatus.ACTIVE
    )
    admitted_on = models.DateField(
        _("admitted on"),
        default=timezone.localdate,
        help_text=_("the date of entry into the registry"),
    )
    terminated_on = models.DateField(_("membership ended on"), null=True, blank=True)
    termination_ground = models.CharField(
        _("ground for ending membership"),
        max_length=20,
        choices=TerminationGround.choices,
        blank=True,
    )
    termination_note = models.TextField(_("note on ending membership"), blank=True)
    expertise = ParentalManyToManyField(
        "caseclub_wagtail.Topic",
        verbose_name=_("expertise"),
        related_name="members",
        blank=True,
    )
    bio = RichTextField(_("about"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo or logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)
    public_profile = models.BooleanField(
        _("consents to a public profile"),
        default=False,
        help_text=_(
            "tick only with the member's consent to publish their profile on the site "
            "(152-FZ); contact details are never published"
        ),
    )
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("private: never shown on the site")
    )
    phone = models.CharField(
        _("phone"), max_length=50, blank=True, help_text=_("private: never shown on the site")
    )

    objects = MemberQuerySet.as_manager()

    panels = [
        RegistryNumberPanel("registry_number", read_only=True),
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("name"),
                FieldPanel("organization"),
                FieldPanel("municipality"),
                FieldRowPanel([FieldPanel("category"), FieldPanel("role")]),
            ],
            heading=capfirst(_("registry entry")),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("status"), FieldPanel("admitted_on")]),
                FieldRowPanel([FieldPanel("terminated_on"), FieldPanel("termination_ground")]),
                FieldPanel("termination_note"),
            ],
            heading=capfirst(_("membership")),
        ),
        MultiFieldPanel(
            [
                FieldPanel("public_profile"),
                FieldPanel("expertise", widget=forms.CheckboxSelectMultiple),
                FieldPanel("bio"),
                FieldPanel("photo"),
                FieldPanel("website"),
            ],
            heading=capfirst(_("public profile")),
        ),
        MultiFieldPanel(
            [
                # Without the permission the fields leave the form, so saving keeps them.
                FieldPanel("email", permission=VIEW_CONTACTS_PERMISSION),
                FieldPanel("phone", permission=VIEW_CONTACTS_PERMISSION),
            ],
            heading=capfirst(_("private contact details")),
        ),
        InlinePanel("rewards", heading=capfirst(_("rewards")), label=_("reward")),
    ]

    search_fields = [
        # What the directory's search reads: only what the public profile shows (core.search).
        index.SearchField("stemmed_title", boost=2),
        index.SearchField("stemmed_text"),
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("organization"),
        index.AutocompleteField("organization"),
        index.SearchField("municipality"),
        index.AutocompleteField("municipality"),
        index.FilterField("status"),
        index.FilterField("role"),
        index.FilterField("category"),
        index.FilterField("kind"),
        index.FilterField("municipality"),
        index.FilterField("public_profile"),
    ]

    class Meta:
        ordering = ["registry_number"]
        verbose_name = _("member")
        verbose_name_plural = _("members' registry")
        constraints = [
            # The database keeps the one-chair rule even if validation is bypassed.
            models.UniqueConstraint(
                fields=["role"],
                condition=Q(role="chair", status="active"),
                name="caseclub_wagtail_one_active_chair",
            ),
        ]
        permissions = [
            ("view_member_contacts", _("Can see members' e-mails and phones")),
            ("erase_member_personal_data", _("Can erase a member's personal data")),
            ("choose_member", _("Can choose members (event hosts, case teams)")),
        ]

    def __str__(self):
        return self.name

    def expertise_names(self) -> str:
        """The member's topics as one line, for exports."""
        return ", ".join(topic.name for topic in self.expertise.all())

    @property
    def is_active(self) -> bool:
        return self.status == MemberStatus.ACTIVE

    @property
    def is_public(self) -> bool:
        """Whether a visitor may see the member named: ``MemberQuerySet.public()`` for one."""
        return self.is_active and self.public_profile

    def stemmed_title(self) -> str:
        """The name's stems, for the directory's search; nothing for a member not shown."""
        # Never the contacts, and nothing of a member without consent (152-FZ): the
        # directory cannot find what the index does not hold.
        return stem_text(self.name) if self.is_public else ""

    def stemmed_text(self) -> str:
        """The organisation's and the place's stems; nothing for a member not shown."""
        return stem_text(f"{self.organization} {self.municipality}") if self.is_public else ""

    def clean(self):
        super().clean()
        errors = {}
        if self.role == MemberRole.CHAIR and self.is_active:
            current = Member.objects.active().filter(role=MemberRole.CHAIR).exclude(pk=self.pk)
            chair = current.first()
            if chair is not None:
                errors["role"] = _(
                    "The club already has an active chair: %(name)s (No. %(number)s). "
                    "Change their role or end their membership first."
                ) % {"name": chair.name, "number": chair.registry_number}
        if self.is_active:
            if self.terminated_on:
                errors["terminated_on"] = _(
                    "An active membership has no end date. Set the status to "
                    "“membership ended” or clear the date."
                )
            if self.termination_ground:
                errors["termination_ground"] = _(
                    "An active membership has no ground for ending. Set the status to "
                    "“membership ended” or clear the ground."
                )
        else:
            if not self.terminated_on:
                errors["terminated_on"] = _("Enter the date the membership ended.")
            elif self.admitted_on and self.terminated_on < self.admitted_on:
                errors["terminated_on"] = _(
                    "Membership cannot end before it began (%(date)s)."
                ) % {"date": date_format(self.admitted_on, "SHORT_DATE_FORMAT")}
            if not self.termination_ground:
                errors["termination_ground"] = _(
                    "Choose the ground for ending the membership: voluntary withdrawal "
                    "or non-compliance with the regulation."
                )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.registry_number is not None:
            super().save(*args, **kwargs)
            return
        try:
            with transaction.atomic():
                self.registry_number = NumberSequence.next_value(
                    REGISTRY_SEQUENCE, floor=self._highest_registry_number
                )
                super().save(*args, **kwargs)
        except Exception:
            # The counter rolled back with the failed save: the number is not ours.
            self.registry_number = None
            raise

    @staticmethod
    def _highest_registry_number() -> int:
        return Member.objects.aggregate(highest=Max("registry_number"))["highest"] or 0

    # Erasure of personal data (withdrawal of consent, 152-FZ)

    def personal_data_held(self) -> list[str]:
        """The erasable fields that hold a value, on the entry or in any of its revisions."""
        # Empty strings, None, [] and False (no consent) hold nothing.
        held = {name for name in ERASABLE_FIELDS if self._erasable_value(name)}
        for content in self.revisions.values_list("content", flat=True):
            held.update(name for name in ERASABLE_FIELDS if content.get(name))
        return [name for name in ERASABLE_FIELDS if name in held]

    def _erasable_value(self, name):
        if name == "photo":
            return self.photo_id
        if name == "expertise":
            return list(self.expertise.all())
        return getattr(self, name)

    def photo_used_elsewhere(self) -> bool:
        """Whether the member's photo is used by anything but this entry (Wagtail's usage)."""
        if self.photo_id is None:
            return False
        return (
            ReferenceIndex.get_references_to(self.photo)
            .exclude(
                base_content_type=ContentType.objects.get_for_model(Member),
                object_id=str(self.pk),
            )
            .exists()
        )

    def erase_personal_data(self, user=None) -> list[str]:
        """Clear the contacts and the profile on the entry, its revisions and its log; log it.

        Returns the names of the fields that held something (none on a second call).
        The photo is deleted from the image library when nothing else uses it.
        """
        with transaction.atomic():
            # The lock keeps two erasures, or an erasure and a save, from interleaving.
            member = Member.objects.select_for_update().get(pk=self.pk)
            fields = member._erase(user)
        self.refresh_from_db()
        return fields

    def _erase(self, user) -> list[str]:
        fields = self.personal_data_held()
        if not fields:
            return []
        photo = None if self.photo_used_elsewhere() else self.photo
        erased_values = self._erased_strings()
        self.email = self.phone = self.bio = self.website = ""
        self.photo = None
        self.public_profile = False
        self.expertise.set([])
        self.save()
        blank = {name: blank_value(name) for name in ERASABLE_FIELDS}
        for revision in self.revisions.all():
            revision.content.update(blank)
            revision.save(update_fields=["content"])
        self._scrub_log_entries(erased_values)
        if photo is not None:
            photo.delete()
        log(self, ERASE_LOG_ACTION, user=user, data={"fields": fields})
        return fields

    def _erased_strings(self) -> set[str]:
        """Every non-empty text value the entry and its revisions hold in erasable fields."""
        values = {getattr(self, name) for name in ("email", "phone", "bio", "website")}
        for content in self.revisions.values_list("content", flat=True):
            values.update(content.get(name) for name in ("email", "phone", "bio", "website"))
        return {value for value in values if isinstance(value, str) and value}

    def _scrub_log_entries(self, erased_values: set[str]):
        # Wagtail's own log entries of a snippet hold no field values today; a host site's
        # (or a future Wagtail's) might, so any erased value found in one is removed.
        for entry in ModelLogEntry.objects.for_instance(self):
            data = without_values(entry.data, erased_values)
            if data != entry.data:
                entry.data = data
                entry.save(update_fields=["data"])


class MemberReward(Orderable):
    """Recognition for active participation (3.6 of the regulation)."""

    member = ParentalKey(Member, on_delete=models.CASCADE, related_name="rewards")
    date = models.DateField(_("date"))
    title = models.CharField(_("reward"), max_length=255)
    reason = models.TextField(_("reason"), blank=True)

    panels = [
        FieldPanel("date"),
        FieldPanel("title"),
        FieldPanel("reason"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("reward")
        verbose_name_plural = _("rewards")

    def __str__(self):
        return self.title
