"""On PostgreSQL, the moderators' search reads `newsroom_fold` indexes (newsroom/trigrams.py).

The search folds case and diacritics now (newsroom/desk_search.py): the trigram indexes of
0005 on `UPPER(col)` serve it no more and are dropped for ones on `newsroom_fold(col)`.
"""

from django.db import migrations

from newsroom.trigrams import folded_search_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0006_like_and_report_network"),
        ("newsroom", "0006_desk_search_fold"),
    ]

    operations = [
        folded_search_indexes(
            "comments_comment", "comment_fold", ("name", "email", "body"), replaces="comment_search"
        )
    ]
