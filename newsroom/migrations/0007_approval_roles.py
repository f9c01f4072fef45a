"""The approval chain's groups: Trưởng ban, Thư ký tòa soạn, Tổng biên tập, with their rights."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from newsroom.roles import sync_roles

    sync_roles(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0006_desk_search_fold"),
        ("articles", "0021_approval_chain"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
