"""The chain's head row (appends lock it) and the inspector's group, Thanh tra."""

from django.db import migrations


def create(apps, schema_editor):
    from newsroom.roles import sync_roles

    ChainHead = apps.get_model("archive", "ChainHead")
    ChainHead.objects.using(schema_editor.connection.alias).get_or_create(pk=1)
    sync_roles(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0001_archive"),
        ("newsroom", "0007_approval_roles"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
