"""Create the groups Phóng viên, Biên tập viên and Kiểm duyệt viên with their permissions."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from newsroom.roles import sync_roles

    sync_roles(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_notices"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("articles", "0003_desk_review_share_links"),
        ("comments", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
