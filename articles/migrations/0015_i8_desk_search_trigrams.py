"""On PostgreSQL, trigram indexes for the desk's search box over stories (newsroom/trigrams.py).

At 100,000 stories the search scanned the table: 1.3-1.6 s per query (bench/README.md).
"""

from django.db import migrations

from newsroom.trigrams import search_indexes


class Migration(migrations.Migration):
    dependencies = [("articles", "0014_i14_byline_and_filing_account")]

    operations = [search_indexes("articles_article", "article_search", ("title", "lead", "byline"))]
