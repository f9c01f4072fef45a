"""Trigram indexes for the desk's search boxes on PostgreSQL, made by the apps' migrations.

The desk's search (newsroom/desk_search.py) runs `newsroom_fold(col) LIKE '%word%'`: on a big
table, a sequential scan. A GIN index of trigrams (`pg_trgm`) on that very expression serves
it (`folded_search_indexes`). Before the search folded, it was Django's `icontains`,
`UPPER(col::text) LIKE UPPER('%word%')`, served by `search_indexes` on that expression, which
the old migrations still make and the new ones drop. An index on an expression with an
operator class lives outside Django's model state; SQLite has no such index and keeps
scanning its small tables.
"""

from django.db import migrations


def _upper_index(table: str, name: str, column: str) -> str:
    expression = f"UPPER({column}::text)"
    return f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({expression} gin_trgm_ops)"


def _folded_index(table: str, name: str, column: str) -> str:
    expression = f"newsroom_fold({column})"
    return f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({expression} gin_trgm_ops)"


def search_indexes(table: str, prefix: str, columns: tuple[str, ...]) -> migrations.RunPython:
    """The migration step adding (and on reverse dropping) one index per searched column."""
    names = {column: f"{prefix}_{column}_trgm" for column in columns}

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for column, name in names.items():
            schema_editor.execute(_upper_index(table, name, column))

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name in names.values():
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop, elidable=False)


def folded_search_indexes(
    table: str, prefix: str, columns: tuple[str, ...], *, replaces: str = ""
) -> migrations.RunPython:
    """The step adding one `newsroom_fold` index per column, named `{prefix}_{column}_trgm`.

    `replaces` is the prefix of the UPPER indexes it takes the place of: dropped, and made
    again on reverse.
    """

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for column in columns:
            schema_editor.execute(_folded_index(table, f"{prefix}_{column}_trgm", column))
            if replaces:
                schema_editor.execute(f"DROP INDEX IF EXISTS {replaces}_{column}_trgm")

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for column in columns:
            if replaces:
                schema_editor.execute(_upper_index(table, f"{replaces}_{column}_trgm", column))
            schema_editor.execute(f"DROP INDEX IF EXISTS {prefix}_{column}_trgm")

    return migrations.RunPython(create, drop, elidable=False)
