"""Related cases and event hosts move into orderable through-models, for the choosers.

Each link is carried over in the order the editor saw: hosts by registry number, cases
by title. Undoing the migration carries them back.
"""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models

import caseclub_wagtail.core.chosen

BATCH = 1000

# (page model, old field, new through-model, its source and target fields, target order)
RELATIONS = [
    ("EventPage", "hosts", "EventHost", "event", "member", "registry_number"),
    ("EventPage", "related_cases", "EventCase", "event", "case", "title"),
    ("CaseStudyPage", "related_cases", "RelatedCase", "case", "related", "title"),
]


def old_columns(field):
    """The old auto-created table's model and its source and target column names."""
    through = field.remote_field.through
    return through, field.m2m_column_name(), field.m2m_reverse_name()


def carry_links_over(apps, schema_editor):
    for page_name, field_name, through_name, source, target, order in RELATIONS:
        field = apps.get_model("caseclub_wagtail", page_name)._meta.get_field(field_name)
        old, source_column, target_column = old_columns(field)
        target_name = field.m2m_reverse_field_name()
        new = apps.get_model("caseclub_wagtail", through_name)
        rows = old.objects.order_by(source_column, f"{target_name}__{order}", target_column)
        batch, page, position = [], None, 0
        for page_id, target_id in rows.values_list(source_column, target_column).iterator():
            position = position + 1 if page_id == page else 0
            page = page_id
            batch.append(
                new(**{f"{source}_id": page_id, f"{target}_id": target_id, "sort_order": position})
            )
            if len(batch) >= BATCH:
                new.objects.bulk_create(batch)
                batch = []
        new.objects.bulk_create(batch)


def carry_links_back(apps, schema_editor):
    for page_name, field_name, through_name, source, target, _order in RELATIONS:
        field = apps.get_model("caseclub_wagtail", page_name)._meta.get_field(field_name)
        old, source_column, target_column = old_columns(field)
        new = apps.get_model("caseclub_wagtail", through_name)
        rows = new.objects.values_list(f"{source}_id", f"{target}_id").iterator()
        batch = []
        for page_id, target_id in rows:
            batch.append(old(**{source_column: page_id, target_column: target_id}))
            if len(batch) >= BATCH:
                old.objects.bulk_create(batch)
                batch = []
        old.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("caseclub_wagtail", "0009_coordinators_inboxes"),
    ]

    operations = [
        migrations.CreateModel(
            name="EventHost",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                ("event", modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name="host_links", to="caseclub_wagtail.eventpage")),
                ("member", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="hosted_event_links", to="caseclub_wagtail.member", verbose_name="member")),
            ],
            options={
                "verbose_name": "host",
                "verbose_name_plural": "hosts",
                "ordering": ["sort_order"],
                "abstract": False,
                "constraints": [models.UniqueConstraint(fields=("event", "member"), name="caseclub_event_host_once")],
            },
        ),
        migrations.CreateModel(
            name="EventCase",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                ("case", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="event_links", to="caseclub_wagtail.casestudypage", verbose_name="case")),
                ("event", modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name="case_links", to="caseclub_wagtail.eventpage")),
            ],
            options={
                "verbose_name": "case discussed",
                "verbose_name_plural": "cases discussed",
                "ordering": ["sort_order"],
                "abstract": False,
                "constraints": [models.UniqueConstraint(fields=("event", "case"), name="caseclub_event_case_once")],
            },
        ),
        migrations.CreateModel(
            name="RelatedCase",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                ("case", modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name="related_case_links", to="caseclub_wagtail.casestudypage")),
                ("related", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="named_by_links", to="caseclub_wagtail.casestudypage", verbose_name="case")),
            ],
            options={
                "verbose_name": "related case",
                "verbose_name_plural": "related cases",
                "ordering": ["sort_order"],
                "abstract": False,
                "constraints": [models.UniqueConstraint(fields=("case", "related"), name="caseclub_related_case_once")],
            },
        ),
        migrations.RunPython(carry_links_over, carry_links_back, elidable=False),
        # Django cannot give an existing many-to-many field a through-model: the old
        # fields (and their tables) go, and fields of the same names take their place.
        migrations.RemoveField(model_name="eventpage", name="hosts"),
        migrations.RemoveField(model_name="eventpage", name="related_cases"),
        migrations.RemoveField(model_name="casestudypage", name="related_cases"),
        migrations.AddField(
            model_name="eventpage",
            name="hosts",
            field=caseclub_wagtail.core.chosen.ChosenManyToManyField(blank=True, related_name="hosted_events", through="caseclub_wagtail.EventHost", to="caseclub_wagtail.member", verbose_name="hosts"),
        ),
        migrations.AddField(
            model_name="eventpage",
            name="related_cases",
            field=caseclub_wagtail.core.chosen.ChosenManyToManyField(blank=True, related_name="events", through="caseclub_wagtail.EventCase", to="caseclub_wagtail.casestudypage", verbose_name="cases discussed"),
        ),
        migrations.AddField(
            model_name="casestudypage",
            name="related_cases",
            field=caseclub_wagtail.core.chosen.ChosenManyToManyField(blank=True, through="caseclub_wagtail.RelatedCase", through_fields=("case", "related"), to="caseclub_wagtail.casestudypage", verbose_name="related cases"),
        ),
    ]
