"""Search: keep each story's tsvector in the table row rather than in TOAST.

Matching reads the vector of every candidate row; out of line, each read is one more index
lookup. Stored MAIN, the big text columns (body, search_text) move out of line first.
"""

from django.db import migrations


def store_inline(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE articles_article ALTER COLUMN search_vector SET STORAGE MAIN"
        )


def store_extended(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE articles_article ALTER COLUMN search_vector SET STORAGE EXTENDED"
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_search_unaccent_vector_and_index")]

    operations = [migrations.RunPython(store_inline, store_extended)]
