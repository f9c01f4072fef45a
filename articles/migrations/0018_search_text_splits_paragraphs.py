"""Search text: a paragraph's last word and the next one's first are two words, not one.

The body's text used to be read with every tag simply dropped, so "chợ</p><p>Gạo" was
searched as "chợgạo". Rebuild every story's search text with the body read block by block
(on PostgreSQL the trigger then rebuilds the vector from it).
"""

import re

from django.db import migrations
from django.utils.html import strip_tags

from newsroom.vietnamese import search_document

BLOCK_END = re.compile(
    r"</(?:p|h[1-6]|li|blockquote|figcaption|figure|div|td|th|pre)>|<br\s*/?>", re.IGNORECASE
)


def forwards(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    TaggedArticle = apps.get_model("articles", "TaggedArticle")
    tags: dict[int, list[str]] = {}
    for article_id, name in TaggedArticle.objects.values_list("content_object_id", "tag__name"):
        tags.setdefault(article_id, []).append(name)
    changed = []
    for story in Article.objects.only("pk", "title", "lead", "body").iterator(chunk_size=500):
        body_text = strip_tags(BLOCK_END.sub(r"\g<0> ", story.body))
        story.search_text = search_document(
            story.title, story.lead, body_text, tags.get(story.pk, [])
        )
        changed.append(story)
        if len(changed) == 500:
            Article.objects.bulk_update(changed, ["search_text"])
            changed = []
    Article.objects.bulk_update(changed, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("articles", "0017_picture_uploaded_by")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
