"""EXPLAIN ANALYZE of every query the desk lists and the reader pages run, at newspaper size.

Usage (after bench/generate.py filled the database):
    .venv/bin/python bench/explain.py [--database newsroom_bench] [--all-plans]

Each page is fetched through Django's test client (production settings, PostgreSQL), its
queries are captured, and each SELECT is run again under EXPLAIN ANALYZE. A plan that reads a
big table from end to end (`Seq Scan` on stories, comments or tag links) or takes over 100 ms
is flagged `!!` and printed in full; `--all-plans` prints every plan. Ends with the list of
flags: the desk search box (`?q=`, a `LIKE '%word%'` over text) is expected among them.
Not part of the test suite.
"""

import argparse
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import REFERENCE_TITLE, setup_django

BIG_TABLES = ("articles_article", "comments_comment", "articles_taggedarticle")
SEQ_SCAN = re.compile(r"Seq Scan on (\w+)")


def pages():
    """(label, user or None, path, query) for each page to check."""
    from django.urls import reverse

    from articles.models import Article, Section, Tag
    from comments.models import Comment

    story = Article.objects.get(title=REFERENCE_TITLE)
    section = Section.objects.filter(parent__isnull=True).order_by("-pk").first()
    tag = Tag.objects.order_by("pk").first()
    busy = Comment.objects.order_by("-created_at").values_list("article_id", flat=True).first()
    stories = reverse("admin:articles_article_changelist")
    comments = reverse("admin:comments_comment_changelist")
    desk, reader = "desk", None
    return [
        ("home", reader, reverse("articles:home"), {}),
        ("article, 500 comments", reader, story.get_absolute_url(), {}),
        ("section page 50", reader, section.get_absolute_url(), {"page": 50}),
        ("tag", reader, tag.get_absolute_url(), {}),
        ("search", reader, reverse("articles:search"), {"q": "nông thôn mới"}),
        ("desk: stories", desk, stories, {}),
        ("desk: stories page 200", desk, stories, {"p": 200}),
        ("desk: drafts", desk, stories, {"state": "draft"}),
        ("desk: scheduled", desk, stories, {"state": "scheduled"}),
        ("desk: one section", desk, stories, {"section__id__exact": section.pk}),
        ("desk: featured", desk, stories, {"featured__exact": 1}),
        ("desk: this month", desk, stories, {"published_at__gte": "2026-11-01 00:00:00+07:00"}),
        ("desk: by title", desk, stories, {"o": "1"}),
        ("desk: by last edit", desk, stories, {"o": "-6"}),
        ("desk: search", desk, stories, {"q": "thủy điện"}),
        ("moderation: queue", desk, comments, {}),
        ("moderation: pending", desk, comments, {"status__exact": "pending"}),
        ("moderation: spam", desk, comments, {"status__exact": "spam"}),
        ("moderation: one story", desk, comments, {"article__id__exact": busy}),
        ("moderation: by name", desk, comments, {"o": "2"}),
        ("moderation: by address", desk, comments, {"o": "5"}),
        ("moderation: oldest first", desk, comments, {"o": "6"}),
        ("moderation: search", desk, comments, {"q": "Lò Văn"}),
    ]


SLOW_MS = 100.0


def big_tables(cursor) -> set[str]:
    """The tables of BIG_TABLES that hold 10,000 rows or more (a scan of a few rows is fine)."""
    cursor.execute(
        "SELECT relname FROM pg_class WHERE relname = ANY(%s) AND reltuples >= 10000",
        [list(BIG_TABLES)],
    )
    return {row[0] for row in cursor.fetchall()}


def explain(cursor, sql: str, big: set[str]) -> tuple[str, list[str], float]:
    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
    plan = "\n".join(row[0] for row in cursor.fetchall())
    scans = [table for table in SEQ_SCAN.findall(plan) if table in big]
    took = re.search(r"Execution Time: ([\d.]+) ms", plan)
    return plan, scans, float(took.group(1)) if took else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="newsroom_bench")
    parser.add_argument("--all-plans", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
    setup_django(args.database)

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    assert connection.vendor == "postgresql", "EXPLAIN checks need PostgreSQL"
    # No collectstatic for a query check: plain static URLs instead of the hashed manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    started = time.perf_counter()
    call_command("migrate", verbosity=0)  # builds any new index on the full tables
    print(f"migrate: {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    user, _ = get_user_model().objects.get_or_create(
        username="bench-desk", defaults={"is_staff": True, "is_superuser": True}
    )
    clients = {None: Client(), "desk": Client()}
    clients["desk"].force_login(user)

    flags = []
    for label, who, path, query in pages():
        client = clients[who]
        client.get(path, query)  # warm-up: first-use imports, the database's buffers
        cache.clear()  # then the page as a cache miss makes it
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path, query)
            elapsed = (time.perf_counter() - started) * 1000
        selects = [q["sql"] for q in captured if q["sql"].lstrip().upper().startswith("SELECT")]
        print(f"\n=== {label}: {path} {query or ''}")
        print(f"    HTTP {response.status_code}, {len(captured)} queries, {elapsed:.0f} ms")
        with connection.cursor() as cursor:
            big = big_tables(cursor)
            for sql in dict.fromkeys(selects):
                plan, scans, took = explain(cursor, sql, big)
                head = f"{took:8.1f} ms  {sql[:110]}"
                if scans or took >= SLOW_MS:
                    why = f"Seq Scan on {', '.join(scans)}" if scans else "slow"
                    flags.append(f"{label}: {why} ({took:.0f} ms): {sql[:70]}")
                    print(f" !! {head}\n{plan}")
                elif args.all_plans:
                    print(f"    {head}\n{plan}")
                else:
                    print(f"    {head}")
    print(
        f"\nSeq Scans on big tables, queries over {SLOW_MS:.0f} ms:"
        if flags
        else f"\nNo Seq Scan on a big table, no query over {SLOW_MS:.0f} ms."
    )
    for flag in flags:
        print(f" !! {flag}")


if __name__ == "__main__":
    main()
