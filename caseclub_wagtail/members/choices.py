"""The choices of the registry's fields: stored values are a contract, labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberKind(models.TextChoices):
    PERSON = "person", _("person")
    ORGANIZATION = "organization", _("organisation")


class MemberCategory(models.TextChoices):
    """The participants named in 1.4 of the regulation."""

    PUBLIC_ORGANIZATION = "public_organization", _("public organisation")
    ASSOCIATION = "association", _("association")
    MKD_COUNCIL = "mkd_council", _("apartment building council")
    HOA = "hoa", _("homeowners' association")
    OTHER_NGO = "other_ngo", _("other socially oriented NGO")
    OWNER = "owner", _("apartment owner")
    CITIZEN = "citizen", _("other citizen")
    MENTOR = "mentor", _("mentor")
    HOUSING_INSPECTOR = "housing_inspector", _("public housing inspector")
    VOLUNTEER_EXPERT = "volunteer_expert", _("volunteer expert")


class MemberRole(models.TextChoices):
    """The club's structure (3.3): one chair, deputy chairs, members."""

    CHAIR = "chair", _("chair")
    DEPUTY_CHAIR = "deputy_chair", _("deputy chair")
    MEMBER = "member", _("member")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    TERMINATED = "terminated", _("membership ended")


class TerminationGround(models.TextChoices):
    """The two grounds for ending membership (3.8)."""

    VOLUNTARY = "voluntary", _("voluntary withdrawal")
    NON_COMPLIANCE = "non_compliance", _("non-compliance with the regulation")
