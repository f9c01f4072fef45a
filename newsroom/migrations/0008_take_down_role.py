"""The editor-in-chief's new right: taking a story down on request (articles.take_down_article)."""

from django.db import migrations


def sync(apps, schema_editor):
    from newsroom.roles import sync_roles

    sync_roles(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0007_approval_roles"),
        ("articles", "0022_taken_down"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
