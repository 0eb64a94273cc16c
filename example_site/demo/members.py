"""The demo's topics and members' registry, from ``topics.toml`` and ``members.toml``."""

from wagtail.log_actions import log

from caseclub_wagtail.models import Member, MemberReward, Topic
from example_site.demo.datafiles import DataFile, Record, full_clean_rows


def ensure_topics(topics: DataFile) -> int:
    """Create the housing and utilities topics that do not exist yet; count them."""
    existing = set(Topic.objects.values_list("slug", flat=True))
    created_count = 0
    for record, data in topics.records("topics", "topic", "slug"):
        if data["slug"] in existing:
            continue
        topic = Topic(**data)
        with record.checked():
            topic.full_clean()
        topic.save()
        created_count += 1
    return created_count


def topics_by_slug() -> dict[str, Topic]:
    return {topic.slug: topic for topic in Topic.objects.all()}


def members_by_name() -> dict[str, Member]:
    return {member.name: member for member in Member.objects.all()}


def ensure_members(members: DataFile) -> int:
    """Enter the demo members into the registry, with their expertise and rewards."""
    existing = set(Member.objects.values_list("name", flat=True))
    topics = topics_by_slug()
    created_count = 0
    for record, data in members.records("members", "member", "name"):
        if data["name"] in existing:
            continue
        create_member(record, data, topics)
        created_count += 1
    return created_count


def create_member(record: Record, data: dict, topics: dict[str, Topic]) -> Member:
    """Create one registry entry the way the admin does, with a revision and a log entry."""
    fields = {key: value for key, value in data.items() if key not in {"expertise", "rewards"}}
    with record.checked():
        member = Member(**fields)
    # A cluster keeps its topics and rewards in memory until the one save below,
    # which also assigns the registry number.
    member.expertise.set(record.lookup(topics, data.get("expertise", []), "topic"))
    for order, reward in enumerate(data.get("rewards", [])):
        with record.checked("reward"):
            member.rewards.add(MemberReward(sort_order=order, **reward))
    full_clean_rows(record, member.rewards.all(), "member", "reward")
    with record.checked():
        member.full_clean()
    member.save()
    revision = member.save_revision(log_action=False)
    log(instance=member, action="wagtail.create", revision=revision, content_changed=True)
    return member
