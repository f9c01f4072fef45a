"""The embedded default takes a crowd: 20 readers post at once to a real server on SQLite."""

import shutil
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.harness.client import Reader, received
from tests.harness.env import server_env
from tests.harness.ports import free_port
from tests.harness.processes import prepare_demo, serve

POSTERS = 20
POSTS_EACH = 5


@pytest.fixture(scope="module")
def demo_sqlite(tmp_path_factory):
    """A migrated SQLite file with the demo paper, copied for each server."""
    folder = tmp_path_factory.mktemp("crowd")
    database = folder / "demo.sqlite3"
    prepare_demo(server_env(f"sqlite:///{database}", folder / "media"))
    return database


def post_as_crowd(base_url: str) -> list[tuple[str, int, str]]:
    """20 readers, each with their form loaded, send 5 comments each, all starting together."""
    start = threading.Barrier(POSTERS)

    def reader(n: int) -> list[tuple[str, int, str]]:
        browser = Reader(base_url)
        form = browser.open_story(browser.find_story())
        tokens = [browser.fresh_token(form["article"]) for _ in range(POSTS_EACH)]
        start.wait(timeout=120)
        answers = []
        for i, token in enumerate(tokens):
            body = f"Bạn đọc {n}, bình luận {i}: đông người gửi cùng lúc."
            status, location, _ = browser.post_comment(
                {**form, "token": token}, name=f"Bạn đọc {n}", body=body
            )
            answers.append((body, status, location))
        browser.close()
        return answers

    with ThreadPoolExecutor(POSTERS) as pool:
        return [answer for answers in pool.map(reader, range(POSTERS)) for answer in answers]


@pytest.mark.parametrize("kind", ["runserver", "gunicorn"])
def test_twenty_concurrent_posters_on_sqlite_get_no_error_and_lose_nothing(
    kind, demo_sqlite, tmp_path
):
    database = tmp_path / "db.sqlite3"
    shutil.copyfile(demo_sqlite, database)
    shutil.copytree(demo_sqlite.parent / "media", tmp_path / "media")
    env = server_env(f"sqlite:///{database}", tmp_path / "media")

    with serve(kind, env, free_port(), workers=2) as base_url:
        answers = post_as_crowd(base_url)

    statuses = sorted({status for _, status, _ in answers})
    assert statuses == [302]
    assert all(received(status, location) for _, status, location in answers)
    with sqlite3.connect(database) as db:
        stored = [body for (body,) in db.execute("SELECT body FROM comments_comment")]
        (mode,) = db.execute("PRAGMA journal_mode").fetchone()
    assert sorted(stored) == sorted(body for body, _, _ in answers)
    assert len(stored) == POSTERS * POSTS_EACH
    assert mode == "wal"
