"""Moderators and editors erase a reader's data on request and read the log of erasures."""

from django.db import migrations


def sync(apps, schema_editor):
    from newsroom.roles import sync_roles

    sync_roles(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0008_take_down_role"),
        ("comments", "0008_personal_data"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
