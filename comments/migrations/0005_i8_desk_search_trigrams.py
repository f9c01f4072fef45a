"""On PostgreSQL, trigram indexes for the moderators' search box over comments.

The admin searches name, email and body with `icontains` (`UPPER(col::text) LIKE ...`): at
1,000,000 comments a sequential scan of 2-3 s per query (bench/README.md). See articles 0015.
"""

from django.db import migrations

COLUMNS = ("name", "email", "body")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS comment_search_{column}_trgm ON comments_comment "
            f"USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS comment_search_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("comments", "0004_i8b_moderation_list_indexes")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
