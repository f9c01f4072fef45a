"""On PostgreSQL, trigram indexes for the desk's search box over stories (title, lead, byline).

The admin's search is `icontains`, which PostgreSQL runs as `UPPER(col::text) LIKE
UPPER('%word%')`: at 100,000 stories a sequential scan of 1.3-1.6 s per query (bench/README.md).
A GIN index of trigrams on that very expression serves it. Indexes on expressions with an
operator class exist outside Django's model state, like the search vector of 0005; SQLite has
no such index and keeps scanning its small tables.
"""

from django.db import migrations

COLUMNS = ("title", "lead", "byline")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS article_search_{column}_trgm ON articles_article "
            f"USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS article_search_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("articles", "0014_i14_byline_and_filing_account")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
