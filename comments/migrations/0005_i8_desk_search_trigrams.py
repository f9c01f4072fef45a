"""On PostgreSQL, trigram indexes for the moderators' search box (newsroom/trigrams.py).

At 1,000,000 comments the search scanned the table: 2-3 s per query (bench/README.md).
"""

from django.db import migrations

from newsroom.trigrams import search_indexes


class Migration(migrations.Migration):
    dependencies = [("comments", "0004_i8b_moderation_list_indexes")]

    operations = [search_indexes("comments_comment", "comment_search", ("name", "email", "body"))]
