"""The people and nhuận bút rights, and the new Kế toán group who pays the royalties."""

from django.db import migrations


def sync(apps, schema_editor):
    from newsroom.roles import sync_roles

    sync_roles(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0010_correction_roles"),
        ("articles", "0025_bylines_to_people"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
