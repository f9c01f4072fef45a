"""A section head who holds a chain's last level gives the nhuận bút grade as they approve."""

from django.db import migrations


def sync(apps, schema_editor):
    from newsroom.roles import sync_roles

    sync_roles(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0011_people_roles")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
