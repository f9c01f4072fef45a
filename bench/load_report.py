"""What bench/comment_load.py checks and prints after a run (`run` is its Run): the database,
then the answers."""

import re
from collections import Counter

import psycopg2

# Each comment the load posts carries its number, so the database can be checked against
# the answers the readers got.
MARK = re.compile(r"\[tải (\d+)\]")


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def check_database(dsn: str, run) -> dict:
    """Every acknowledged comment exactly once; each story's count equal to its visible comments."""
    with psycopg2.connect(dsn) as db, db.cursor() as cursor:
        cursor.execute("SELECT body FROM comments_comment")
        stored = Counter(
            int(m.group(1)) for (body,) in cursor.fetchall() if (m := MARK.search(body))
        )
        cursor.execute(
            """SELECT a.id, a.comment_count, COUNT(c.id) FROM articles_article a
               LEFT JOIN comments_comment c ON c.article_id = a.id AND c.status = 'approved'
               AND (c.parent_id IS NULL OR EXISTS (SELECT 1 FROM comments_comment p
                    WHERE p.id = c.parent_id AND p.status = 'approved'))
               GROUP BY a.id, a.comment_count"""
        )
        counts = cursor.fetchall()
        cursor.execute("SELECT status, COUNT(*) FROM comments_comment GROUP BY status")
        by_status = dict(cursor.fetchall())
    db.close()
    return {
        "stored": sum(stored.values()),
        "lost": len(run.acknowledged - set(stored)),
        "stored_twice": sum(1 for n in stored.values() if n > 1),
        "stored_unacknowledged": len(set(stored) - run.acknowledged),
        "count_mismatches": [(pk, kept, real) for pk, kept, real in counts if kept != real],
        "by_status": by_status,
    }


def report(run, checks: dict, posted: int) -> dict:
    posts = [a for a in run.answers if a[2] == "post"]
    statuses = {
        kind: dict(sorted(Counter(a[3] for a in run.answers if a[2] == kind).items()))
        for kind in ("post", "page", "admin")
    }
    latency = {}
    for phase in ("before", "during", "after"):
        times = [s for start, s, _, st in posts if run.phase(start) == phase and st != "0"]
        if times:
            latency[phase] = (len(times), percentile(times, 0.5), percentile(times, 0.99))
    result = {
        "comments_posted": posted,
        "acknowledged": len(run.acknowledged),
        "gave_up": len(run.gave_up),
        "responses": statuses,
        "latency": latency,
        "restart_seconds": run.restart and round(run.restart[1] - run.restart[0], 2),
        **checks,
    }
    print(
        f"comments posted {posted}, acknowledged {result['acknowledged']}, "
        f"stored {checks['stored']}, lost {checks['lost']}, "
        f"stored twice {checks['stored_twice']}, "
        f"stored but not acknowledged {checks['stored_unacknowledged']}, "
        f"gave up {len(run.gave_up)}"
    )
    for kind, label in (
        ("post", "comment posts"),
        ("page", "story page and token"),
        ("admin", "moderators (admin)"),
    ):
        print(f"responses by status, {label}:", statuses[kind])
    print("comments in the database by status:", checks["by_status"])
    print("comment_count mismatches:", checks["count_mismatches"] or "none")
    if run.restart:
        print(f"PostgreSQL restart took {result['restart_seconds']} s")
    for phase, (n, p50, p99) in latency.items():
        print(
            f"posts {phase:>6} restart: {n:5d} answers, p50 {p50 * 1000:7.1f} ms, "
            f"p99 {p99 * 1000:7.1f} ms"
        )
    return result
