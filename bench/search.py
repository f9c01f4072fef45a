"""Search latency at 100,000 stories on PostgreSQL: median and p95 for two-word queries.

Usage (its own database, created and filled by bench/generate.py on the first run, reused after):
    .venv/bin/python bench/search.py [--stories 100000] [--runs 40] [--database newsroom_bench]

Stories are made of Vietnamese syllables drawn with Zipf weights, so some words are in most
stories and others in few; each query is timed as the search page runs it (the count for the
paginator, then the first page of 20 ranked stories with their highlights), after warm-up.
Not part of the test suite.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generate import Writer, ensure_database, generate, setup_django  # noqa: E402


def time_query(q: str, runs: int) -> tuple[list[float], int]:
    from articles.search import parse_query, search

    timings = []
    for run in range(runs + 3):
        started = time.perf_counter()
        results = search(parse_query(q))
        count = results.count()
        page = results[0:20]
        elapsed = (time.perf_counter() - started) * 1000
        if run >= 3:  # warm-up runs are not counted
            timings.append(elapsed)
    assert len(page) == min(20, count)
    return timings, count


def all_matches(q: str) -> int:
    """Every public story holding the words, past the search page's cap."""
    from articles.models import Article
    from articles.search import VectorMatch, parse_query

    words = parse_query(q).words
    return Article.objects.public().filter(VectorMatch(words)).count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--database", default="newsroom_bench")
    args = parser.parse_args()

    if "BENCH_DATABASE_URL" not in os.environ:
        ensure_database(args.database)
    setup_django(args.database)
    from django.core.management import call_command
    from django.db import connection

    assert connection.vendor == "postgresql", "the benchmark needs PostgreSQL"
    call_command("migrate", verbosity=0)
    seconds = generate(args.stories)
    from articles.models import Article

    print(f"stories: {Article.objects.count()} (generated in {seconds:.0f} s)")
    writer = Writer()
    words = writer.words

    queries = {
        "common words (ranks 25, 40)": f"{words[25]} {words[40]}",
        "đảng bộ (typed with diacritics)": "đảng bộ",
        "dang bo (typed without)": "dang bo",
        "mid-frequency (ranks 120, 150)": f"{words[120]} {words[150]}",
        "less common (ranks 290, 320)": f"{words[290]} {words[320]}",
        "rarest (ranks 325, 326)": f"{words[325]} {words[326]}",
        "nothing matches": "khủng long",
    }
    print(f"{'query':<44} {'all':>6} {'listed':>6} {'median ms':>10} {'p95 ms':>8}")
    for label, q in queries.items():
        timings, count = time_query(q, args.runs)
        p95 = statistics.quantiles(timings, n=20)[18]
        median = statistics.median(timings)
        total = all_matches(q)
        print(f"{label + ': ' + q:<44.44} {total:>6} {count:>6} {median:>10.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
