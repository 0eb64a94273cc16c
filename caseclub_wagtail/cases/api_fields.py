"""Cases in Wagtail's own API (v2): the team as a visitor may see it, practices that lead
somewhere a visitor may go."""

from rest_framework.fields import Field

from caseclub_wagtail.cases.choices import CaseRole
from caseclub_wagtail.core.api_fields import LabelledChoiceField
from caseclub_wagtail.core.sites import current_site
from caseclub_wagtail.members.api_fields import anonymous_name, public_summary


class CaseTeamField(Field):
    """Each row: its ``role``, and the ``member`` summary if public, else only «club member»."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, rows):
        roles = LabelledChoiceField(CaseRole)
        team = []
        for row in rows.all().select_related("member"):
            member = public_summary(row.member, self.context)
            team.append(
                {
                    "role": roles.to_representation(row.role),
                    "name": member["name"] if member else anonymous_name(),
                    "member": member,
                }
            )
        return team


class VisiblePracticesField(Field):
    """The practices, without a link to a case a visitor of the site may not open.

    Written as Wagtail's own StreamField serializer writes a stream (which cannot be
    imported while the models load): a list of blocks with ``type``, ``value`` and ``id``.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        blocks = value.stream_block.get_api_representation(value, self.context)
        pks = [block["value"] for block in blocks if block["type"] == "case"]
        request = self.context.get("request")
        visible = set()
        if pks and request is not None:
            # The case chooser's own model: CaseStudyPage, which names this field.
            model = value.stream_block.child_blocks["case"].target_model
            cases = model.objects.visible_in(current_site(request)).filter(pk__in=pks)
            visible = set(cases.values_list("pk", flat=True))
        return [block for block in blocks if block["type"] != "case" or block["value"] in visible]
