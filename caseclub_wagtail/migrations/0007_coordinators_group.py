"""The «Координаторы Кейс-клуба» group: the Wagtail admin, the registry and the inboxes."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Координаторы Кейс-клуба"
# (model, codenames): just what keeping the registry and working the inboxes needs.
PERMISSIONS = [
    ("member", ["add_member", "change_member", "view_member"]),
    # Contacts too: the registry's e-mail is what a members-only registration is checked against.
    ("member", ["view_member_contacts", "erase_member_personal_data"]),
    ("memberreward", ["add_memberreward", "change_memberreward", "view_memberreward"]),
    ("topic", ["view_topic"]),
    ("eventregistration", ["view_eventregistration", "change_eventregistration"]),
    ("outgoingemail", ["view_outgoingemail", "change_outgoingemail"]),
]


def create_group(apps, schema_editor):
    # On a fresh database the permissions are made after all migrations (post_migrate):
    # make this app's now, as Wagtail's own data migrations do.
    app_config = apps.get_app_config("caseclub_wagtail")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for model, codenames in PERMISSIONS:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="caseclub_wagtail",
                content_type__model=model,
                codename__in=codenames,
            )
        )


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("caseclub_wagtail", "0006_event_registration"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        # After Wagtail's migrations that give every group then existing the permission to
        # choose documents and images: this group holds only the permissions listed here.
        ("wagtaildocs", "0011_add_choose_permissions"),
        ("wagtailimages", "0023_add_choose_permissions"),
    ]

    operations = [
        migrations.RunPython(create_group, delete_group),
    ]
