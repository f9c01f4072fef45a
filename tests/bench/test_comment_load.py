"""Comments under load while PostgreSQL restarts: nothing received is lost, nothing is a 500.

A small run of bench/comment_load.py (the full one posts 2,000 comments from 50 readers)
against a PostgreSQL server of its own, so stopping it for two seconds disturbs nobody else.
"""

import os

import pytest

from bench.comment_load import healthy, run_load
from tests.harness.stores import PrivatePostgres


@pytest.mark.postgres
@pytest.mark.skipif(not PrivatePostgres.available(), reason="needs PostgreSQL 15's initdb")
def test_comments_posted_through_a_postgresql_restart_are_all_stored_once():
    result = run_load(
        clients=5,
        comments=100,
        restart="private",
        moderators=1,
        workers=2,
        max_seconds=120,
        redis_url=os.environ.get("REDIS_URL", ""),
        outage_seconds=2,
    )

    assert result["acknowledged"] == result["comments_posted"] == 100
    assert result["stored"] == 100
    assert (result["lost"], result["stored_twice"], result["gave_up"]) == (0, 0, 0)
    assert result["count_mismatches"] == []
    assert result["by_status"] == {"approved": 100}
    assert healthy(result), result["responses"]
    # Readers did meet the outage, and were told so with a 503 rather than a 500.
    assert "503" in result["responses"]["post"] or "503" in result["responses"]["page"]
    # The site came back by itself: readers posted after the restart, without a new gunicorn.
    assert result["latency"]["after"][0] > 0
