"""Search: rebuild search_text (folded words, tags, accented spellings); on PostgreSQL enable
unaccent and keep a weighted tsvector column, filled by a trigger, behind a GIN index.

The column lives outside Django's model state: the trigger fills it on every INSERT and on
UPDATEs of title, lead or search_text, so bulk loads and queryset updates stay in step too.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations
from django.utils.html import strip_tags

FORWARD = """
ALTER TABLE articles_article ADD COLUMN search_vector tsvector;

CREATE FUNCTION articles_article_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('simple', lower(unaccent(coalesce(NEW.title, '')))), 'A')
        || setweight(to_tsvector('simple', lower(unaccent(coalesce(NEW.lead, '')))), 'B')
        || setweight(to_tsvector('simple', split_part(coalesce(NEW.search_text, ''), '|', 1)), 'C')
        || setweight(to_tsvector('simple', split_part(coalesce(NEW.search_text, ''), '|', 2)), 'D');
    RETURN NEW;
END
$$;

CREATE TRIGGER articles_article_search_vector_update
    BEFORE INSERT OR UPDATE OF title, lead, search_text ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector();

CREATE INDEX articles_article_search_idx ON articles_article USING gin (search_vector);
"""

BACKWARD = """
DROP TRIGGER IF EXISTS articles_article_search_vector_update ON articles_article;
DROP FUNCTION IF EXISTS articles_article_search_vector();
ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector;
"""


def add_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def drop_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


def rebuild_search_text(apps, schema_editor):
    from newsroom.vietnamese import search_document

    Article = apps.get_model("articles", "Article")
    TaggedArticle = apps.get_model("articles", "TaggedArticle")
    tags: dict[int, list[str]] = {}
    for article_id, name in TaggedArticle.objects.values_list("content_object_id", "tag__name"):
        tags.setdefault(article_id, []).append(name)
    stories = []
    for story in Article.objects.only("pk", "title", "lead", "body").iterator():
        story.search_text = search_document(
            story.title, story.lead, strip_tags(story.body), tags.get(story.pk, [])
        )
        stories.append(story)
    Article.objects.bulk_update(stories, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_section_and_tag_slug_history")]

    operations = [
        UnaccentExtension(),
        migrations.RunPython(add_search_vector, drop_search_vector),
        migrations.RunPython(rebuild_search_text, migrations.RunPython.noop),
    ]
