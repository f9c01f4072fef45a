"""Trusted readers: their comments skip the queue once N were approved and none refused."""

import pytest

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
