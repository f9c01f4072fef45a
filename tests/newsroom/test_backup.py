"""Backups: every story, comment and picture comes back in a fresh database and media folder."""

import json
import os
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from articles.models import Article
from comments.models import Comment
from newsroom.backup import backup
from tests.factories import make_article, make_comment, make_image
from tests.harness.env import PYTHON, ROOT, server_env
from tests.harness.processes import manage


@pytest.fixture
def newsroom(transactional_db):
    """Stories with comments, replies and a picture, committed (a backup is another session)."""
    image = make_image(name="lu-quet.jpg")
    stories = [make_article(f"Lũ quét ở Mường Tè, ngày {n}", hero_image=image) for n in range(3)]
    for story in stories:
        parent = make_comment(story, body=f"Chia buồn cùng bà con ({story.pk})")
        make_comment(story, parent=parent, body=f"Cảm ơn bạn ({story.pk})")
        make_comment(story, status=Comment.Status.PENDING, body=f"Chờ duyệt ({story.pk})")
    yield image
    image.file.close()  # make_image leaves the stored file open


def saved() -> tuple[set, set]:
    stories = set(Article.objects.values_list("pk", "title"))
    comments = set(Comment.objects.values_list("pk", "article_id", "parent_id", "body", "status"))
    return stories, comments


def test_backup_folder_is_timestamped_and_holds_database_media_and_counts(newsroom, tmp_path):
    folder = backup(tmp_path, now=datetime(2026, 3, 2, 7, 30, 5, tzinfo=UTC))

    assert folder == tmp_path / "20260302-073005"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert (manifest["stories"], manifest["comments"]) == (3, 9)
    assert (folder / "media.tar.gz").stat().st_size > 0


def test_sqlite_backup_restores_every_story_comment_and_picture(newsroom, tmp_path, capsys):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite backup")
    call_command("backup", into=str(tmp_path / "backups"))
    folder = capsys.readouterr().out.strip()
    stories, comments = saved()

    fresh = tmp_path / "fresh.sqlite3"
    media = tmp_path / "restored-media"
    manage(server_env(f"sqlite:///{fresh}", media), "restore", folder)

    with sqlite3.connect(fresh) as db:
        assert set(db.execute("SELECT id, title FROM articles_article")) == stories
        restored = db.execute(
            "SELECT id, article_id, parent_id, body, status FROM comments_comment"
        )
        assert set(restored) == comments
    db.close()
    assert (media / newsroom.file.name).read_bytes() == Path(newsroom.file.path).read_bytes()


@pytest.mark.postgres
def test_postgresql_backup_restores_every_story_and_comment_into_a_fresh_database(
    newsroom, tmp_path, capsys
):
    call_command("backup", into=str(tmp_path / "backups"))
    folder = capsys.readouterr().out.strip()
    stories, comments = saved()
    db = settings.DATABASES["default"]
    fresh = f"{db['NAME']}_restore_{os.getpid()}"
    server = {
        "host": db["HOST"],
        "port": db["PORT"],
        "user": db["USER"],
        "password": db["PASSWORD"],
    }
    admin = psycopg2.connect(**server, dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        cursor.execute(f'CREATE DATABASE "{fresh}"')
    try:
        url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{fresh}"
        manage(server_env(url, tmp_path / "restored-media"), "restore", folder)
        restored = psycopg2.connect(**server, dbname=fresh)
        with restored, restored.cursor() as cursor:
            cursor.execute("SELECT id, title FROM articles_article")
            assert set(cursor.fetchall()) == stories
            cursor.execute("SELECT id, article_id, parent_id, body, status FROM comments_comment")
            assert set(cursor.fetchall()) == comments
        restored.close()
        again = subprocess.run(
            [PYTHON, "manage.py", "restore", folder],
            cwd=ROOT,
            env=server_env(url, tmp_path / "restored-media"),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert again.returncode != 0
        assert f"PostgreSQL {fresh} trên" in again.stderr and "đã có" in again.stderr
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        admin.close()
    assert (tmp_path / "restored-media" / newsroom.file.name).exists()
