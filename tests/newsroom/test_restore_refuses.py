"""`manage.py restore` never overwrites a live site by mistake, and says so in Vietnamese.

Each test runs the command in its own process, as an operator would, against a SQLite file.
"""

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.harness.env import PYTHON, ROOT, server_env
from tests.harness.ports import free_port
from tests.harness.processes import manage, serve

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite file checks (PostgreSQL's are in test_backup.py)")


def restore(env, *args: str, typed: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", "restore", *args],
        cwd=ROOT,
        env=env,
        input=typed,
        capture_output=True,
        text=True,
        timeout=120,
    )


def comments(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        bodies = [body for (body,) in db.execute("SELECT body FROM comments_comment")]
    db.close()
    return bodies


@pytest.fixture
def site(tmp_path):
    """A served paper's database with a backup made of it, then a reader's new comment."""
    database = tmp_path / "db.sqlite3"
    env = server_env(f"sqlite:///{database}", tmp_path / "media", BACKUP_DIR=str(tmp_path))
    manage(env, "migrate", "--noinput")
    manage(env, "loaddemo")
    made = subprocess.run(
        [PYTHON, "manage.py", "backup", "--into", str(tmp_path / "backups")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    manage(
        env,
        "shell",
        "-c",
        "from articles.models import Article; from comments.models import Comment;"
        " Comment.objects.create(article=Article.objects.first(), name='Lan',"
        " email='lan@example.vn', body='Cảm ơn tòa soạn')",
    )
    return env, database, made.stdout.strip()


def test_restore_refuses_the_running_sites_database_and_the_new_comment_survives(site):
    env, database, folder = site
    with serve("gunicorn", env, free_port(), workers=1) as base:
        subprocess.run(["curl", "-s", "-o", "/dev/null", base + "/"], check=False)
        result = restore(env, folder)

    assert result.returncode != 0
    assert f"SQLite {database.resolve()}" in result.stderr
    assert "đã có" in result.stderr and "--force" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Cảm ơn tòa soạn" in comments(database)


def test_restore_refuses_an_empty_file_another_process_has_open(site, tmp_path):
    env, _, folder = site
    fresh = tmp_path / "fresh.sqlite3"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time; db = sqlite3.connect(sys.argv[1]);"
            " db.execute('PRAGMA journal_mode=WAL'); print('open', flush=True); time.sleep(60)",
            str(fresh),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        result = restore({**env, "DATABASE_URL": f"sqlite:///{fresh}"}, folder)
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()

    assert result.returncode != 0
    assert f"PID {holder.pid}" in result.stderr
    assert "dừng máy chủ" in result.stderr


def test_force_asks_for_the_databases_name_and_a_wrong_answer_changes_nothing(site):
    env, database, folder = site

    result = restore(env, folder, "--force", typed="yes\n")

    assert result.returncode != 0
    assert "Gõ “db.sqlite3” để xác nhận" in result.stdout
    assert "Chưa xác nhận" in result.stderr
    assert "Cảm ơn tòa soạn" in comments(database)


def test_force_with_the_typed_name_replaces_the_database_with_the_backup(site):
    env, database, folder = site

    result = restore(env, folder, "--force", typed="db.sqlite3\n")

    assert result.returncode == 0, result.stderr
    assert "Đã khôi phục" in result.stdout
    assert "Cảm ơn tòa soạn" not in comments(database)


def test_restoring_twice_into_a_new_file_is_refused_the_second_time(site, tmp_path):
    env, _, folder = site
    env = {**env, "DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}"}

    first = restore(env, folder)
    second = restore(env, folder)

    assert first.returncode == 0, first.stderr
    assert second.returncode != 0 and "đã có" in second.stderr


def test_a_folder_that_is_no_backup_is_named_in_vietnamese(site, tmp_path):
    env, _, _ = site
    started = time.monotonic()

    result = restore(env, str(tmp_path / "nope"))

    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "không phải một thư mục sao lưu" in result.stderr
    assert time.monotonic() - started < 60
