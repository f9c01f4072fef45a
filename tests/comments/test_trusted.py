"""Trusted readers: their comments skip the queue once N were approved and none refused."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.models import Comment
from tests.comments.helpers import POST_URL, comment_data
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


def post(client, article, body):
    client.post(POST_URL, comment_data(article, email="mai@example.com", body=body))
    return Comment.objects.get(body=body)


def test_trust_is_off_by_default(client):
    article = make_article()
    for n in range(5):
        make_comment(article, email="mai@example.com", body=f"Cũ {n}")
    assert post(client, article, "Mới").status == Comment.Status.PENDING


def test_n_approved_and_none_refused_skip_the_queue(client, settings):
    settings.COMMENT_TRUST_AFTER = 2
    settings.COMMENT_RATE_LIMIT = "0"
    article = make_article()
    make_comment(article, email="mai@example.com", body="Cũ 1")
    assert post(client, article, "Chưa đủ").status == Comment.Status.PENDING

    make_comment(article, email="mai@example.com", body="Cũ 2")
    trusted = post(client, article, "Đủ rồi")
    assert trusted.status == Comment.Status.APPROVED
    article.refresh_from_db()
    assert article.comment_count == 3
    assert post(client, make_article("Khác"), "Người khác").status == "approved"

    # A rejection later clears the trust: derived from the counts, nothing to reset.
    make_comment(article, email="mai@example.com", status="rejected", body="Bị từ chối")
    assert post(client, article, "Sau khi bị từ chối").status == Comment.Status.PENDING


def test_spam_verdicts_are_never_trusted(client, settings):
    settings.COMMENT_TRUST_AFTER = 1
    article = make_article()
    make_comment(article, email="mai@example.com")
    assert (
        post(client, article, "mua ngay http://a.example http://b.example http://c.example").status
        == "spam"
    )


def test_a_trusted_readers_comment_is_written_once_and_counted_once(
    client, settings, django_capture_on_commit_callbacks
):
    """Its fate is decided before the save: stored approved, not stored pending then approved."""
    settings.COMMENT_TRUST_AFTER = 1
    article = make_article()
    make_comment(article, email="mai@example.com", body="Cũ")
    data = comment_data(article, email="mai@example.com", body="Tin được")
    with django_capture_on_commit_callbacks(execute=True), CaptureQueriesContext(connection) as q:
        assert client.post(POST_URL, data).status_code == 302
    sqls = [query["sql"] for query in q.captured_queries]
    comment_writes = [
        sql
        for sql in sqls
        if sql.startswith(('INSERT INTO "comments_comment"', 'UPDATE "comments_comment"'))
    ]
    recounts = [
        sql for sql in sqls if sql.startswith('UPDATE "articles_article" SET "comment_count"')
    ]
    assert len(comment_writes) == 1, comment_writes
    assert len(recounts) == 1, recounts
    comment = Comment.objects.get(body="Tin được")
    assert comment.status == Comment.Status.APPROVED and comment.moderated_at is not None
    article.refresh_from_db()
    assert article.comment_count == 2
    # On the story at once, the purge committed with it.
    assert "Tin được" in client.get(article.get_absolute_url()).content.decode()
