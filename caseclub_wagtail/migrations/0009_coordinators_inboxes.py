"""The coordinators' group works the inboxes of appeals, applications and proposals."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Координаторы Кейс-клуба"
# (model, codenames): reading an inbox (view) and using its actions (change); an appeal's
# attachments are read with the appeal.
PERMISSIONS = [
    ("appeal", ["view_appeal", "change_appeal"]),
    ("appealattachment", ["view_appealattachment"]),
    ("membershipapplication", ["view_membershipapplication", "change_membershipapplication"]),
    ("proposal", ["view_proposal", "change_proposal"]),
]


def add_permissions(apps, schema_editor):
    # The new models' permissions are otherwise made only after all migrations.
    app_config = apps.get_app_config("caseclub_wagtail")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    group = apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).first()
    if group is None:  # a site that deleted the group keeps it deleted
        return
    Permission = apps.get_model("auth", "Permission")
    for model, codenames in PERMISSIONS:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="caseclub_wagtail",
                content_type__model=model,
                codename__in=codenames,
            )
        )


def remove_permissions(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).first()
    if group is None:
        return
    Permission = apps.get_model("auth", "Permission")
    for model, codenames in PERMISSIONS:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="caseclub_wagtail",
                content_type__model=model,
                codename__in=codenames,
            )
        )


class Migration(migrations.Migration):
    dependencies = [("caseclub_wagtail", "0008_appeals_applications_proposals")]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
