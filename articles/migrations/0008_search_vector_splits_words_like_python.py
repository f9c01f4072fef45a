"""Search: split the title and lead into words as Python does before weighing them.

PostgreSQL's parser keeps "3.000", "62/62" or "covid-19" as whole tokens, while the
folded search text (and SQLite) splits them into "3 000", "62 62", "covid 19"; split on
anything but letters and digits first, so a title match ranks the same on both databases.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION articles_article_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('simple', regexp_replace(
            lower(unaccent(coalesce(NEW.title, ''))), '[^[:alnum:]]+', ' ', 'g')), 'A')
        || setweight(to_tsvector('simple', regexp_replace(
            lower(unaccent(coalesce(NEW.lead, ''))), '[^[:alnum:]]+', ' ', 'g')), 'B')
        || setweight(to_tsvector('simple', split_part(coalesce(NEW.search_text, ''), '|', 1)), 'C')
        || setweight(to_tsvector('simple', split_part(coalesce(NEW.search_text, ''), '|', 2)), 'D');
    RETURN NEW;
END
$$;
"""

PREVIOUS = """
CREATE OR REPLACE FUNCTION articles_article_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('simple', lower(unaccent(coalesce(NEW.title, '')))), 'A')
        || setweight(to_tsvector('simple', lower(unaccent(coalesce(NEW.lead, '')))), 'B')
        || setweight(to_tsvector('simple', split_part(coalesce(NEW.search_text, ''), '|', 1)), 'C')
        || setweight(to_tsvector('simple', split_part(coalesce(NEW.search_text, ''), '|', 2)), 'D');
    RETURN NEW;
END
$$;
"""

# Setting a column to itself fires the trigger: every story's vector is rebuilt.
REBUILD = "UPDATE articles_article SET title = title"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION)
        schema_editor.execute(REBUILD)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PREVIOUS)
        schema_editor.execute(REBUILD)


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_article_section_listing_index")]

    operations = [migrations.RunPython(forwards, backwards)]
