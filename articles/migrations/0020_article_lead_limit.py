"""The lead's 400 characters become the model's rule and the database's check.

The desk's form and the WordPress importer both kept leads to 400 characters; a story written
by any other way could be longer, and the new check would refuse to be added over it. Such a
lead is cut at a word boundary with "..." first, the importer's rule, and its search text
made again from the words left.
"""

import re

import django.core.validators
import django.db.models.functions.text
import django.db.models.lookups
from django.db import migrations, models
from django.db.models.functions import Length
from django.utils.html import strip_tags

from newsroom.vietnamese import excerpt, search_document

LIMIT = 400
BLOCK_END = re.compile(
    r"</(?:p|h[1-6]|li|blockquote|figcaption|figure|div|td|th|pre)>|<br\s*/?>", re.IGNORECASE
)


def cut_long_leads(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    TaggedArticle = apps.get_model("articles", "TaggedArticle")
    long = Article.objects.annotate(lead_length=Length("lead")).filter(lead_length__gt=LIMIT)
    for story in long.only("pk", "title", "lead", "body").iterator(chunk_size=500):
        story.lead = excerpt(story.lead, limit=LIMIT)
        tags = TaggedArticle.objects.filter(content_object_id=story.pk)
        body_text = strip_tags(BLOCK_END.sub(r"\g<0> ", story.body))
        story.search_text = search_document(
            story.title, story.lead, body_text, list(tags.values_list("tag__name", flat=True))
        )
        story.save(update_fields=["lead", "search_text"])


class Migration(migrations.Migration):
    dependencies = [("articles", "0019_desk_search_folds_case_and_accents")]

    operations = [
        migrations.RunPython(cut_long_leads, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="article",
            name="lead",
            field=models.TextField(
                help_text="Một đoạn tóm tắt, hiển thị in đậm; tối đa 400 ký tự.",
                max_length=400,
                validators=[django.core.validators.MaxLengthValidator(400)],
                verbose_name="sapo",
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.LessThanOrEqual(
                    django.db.models.functions.text.Length("lead"), 400
                ),
                name="lead_within_limit",
                violation_error_message="Sapo dài tối đa 400 ký tự.",
            ),
        ),
    ]
