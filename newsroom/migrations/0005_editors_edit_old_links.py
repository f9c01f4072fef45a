"""Give Biên tập viên the old-link table's permissions, as the README says they have."""

from django.db import migrations


def sync_roles(apps, schema_editor):
    from newsroom.roles import sync_roles

    sync_roles(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0004_pagecache_purge_count"),
        ("wordpress", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
