"""Trigram indexes for the desk's search boxes on PostgreSQL, made by the apps' migrations.

The admin's search is `icontains`, which PostgreSQL runs as `UPPER(col::text) LIKE
UPPER('%word%')`: on a big table, a sequential scan. A GIN index of trigrams (`pg_trgm`) on
that very expression serves it. An index on an expression with an operator class lives
outside Django's model state; SQLite has no such index and keeps scanning its small tables.
"""

from django.db import migrations


def search_indexes(table: str, prefix: str, columns: tuple[str, ...]) -> migrations.RunPython:
    """The migration step adding (and on reverse dropping) one index per searched column."""
    names = {column: f"{prefix}_{column}_trgm" for column in columns}

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for column, name in names.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
                f"USING gin (UPPER({column}::text) gin_trgm_ops)"
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name in names.values():
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop, elidable=False)
