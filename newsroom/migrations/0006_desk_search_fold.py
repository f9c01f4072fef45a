"""On PostgreSQL, `newsroom_fold(text)`: what the desk's search boxes compare (desk_search.py).

`lower(unaccent(...))`, declared IMMUTABLE so that indexes may be made on it: `unaccent` is
only STABLE because its dictionary is looked up by name, so the function names the dictionary
with its schema. SQLite gets the function from Python on each connection instead.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION newsroom_fold(text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT lower({schema}.unaccent('{schema}.unaccent'::regdictionary, $1)) $$
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT quote_ident(nspname) FROM pg_extension e "
            "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'"
        )
        (schema,) = cursor.fetchone()
    schema_editor.execute(FUNCTION.format(schema=schema))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS newsroom_fold(text)")


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0005_editors_edit_old_links")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
