"""Who files and who approves corrections: editors file, the editor-in-chief approves."""

from django.db import migrations


def sync(apps, schema_editor):
    from newsroom.roles import sync_roles

    sync_roles(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0009_readers_data_roles"),
        ("articles", "0023_corrections"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
