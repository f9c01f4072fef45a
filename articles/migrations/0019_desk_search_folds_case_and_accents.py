"""On PostgreSQL, the desk's search over stories and pictures reads `newsroom_fold` indexes.

The search folds case and diacritics now (newsroom/desk_search.py): the trigram indexes of
0015 on `UPPER(col)` serve it no more and are dropped; new ones on `newsroom_fold(col)` take
their place, and the picture list, as long as the story list in a paper's archive, gets its own.
"""

from django.db import migrations

from newsroom.trigrams import folded_search_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0018_search_text_splits_paragraphs"),
        ("newsroom", "0006_desk_search_fold"),
    ]

    operations = [
        folded_search_indexes(
            "articles_article", "article_fold", ("title", "lead", "byline"), replaces="article_search"
        ),
        folded_search_indexes("articles_image", "image_fold", ("alt_text", "caption", "credit")),
    ]
