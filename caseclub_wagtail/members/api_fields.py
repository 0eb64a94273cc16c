"""Members in Wagtail's own API (v2): public summaries only, contact details never."""

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.fields import Field

from caseclub_wagtail.core.api_fields import LabelledChoiceField
from caseclub_wagtail.members.choices import MemberKind


class PublicMemberSerializer(serializers.Serializer):
    """A public member as an event or a case names them: no contact, no private field."""

    registry_number = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    kind = LabelledChoiceField(MemberKind)
    organization = serializers.CharField(read_only=True)


def public_summary(member, context) -> dict | None:
    """``member`` as a public summary; none for a member a visitor may not see named."""
    if member is None or not member.is_public:
        return None
    return PublicMemberSerializer(member, context=context).data


class PublicMembersField(Field):
    """Members (an event's hosts) as public summaries; anyone who is not public is left out."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, members):
        return [
            public_summary(member, self.context) for member in members.all() if member.is_public
        ]


def anonymous_name() -> str:
    """What a visitor reads in place of a member who is not public."""
    return _("club member")
