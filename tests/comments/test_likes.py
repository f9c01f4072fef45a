"""Fresh cookies do not make more likes: one network likes a comment once an hour, and the
like limit holds while the cache is down."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from comments.models import Comment, CommentLike
from tests.factories import make_article, make_comment
from tests.newsroom.test_cache_outage import redis_down  # noqa: F401

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def next_minute() -> datetime:
    """The start of the coming minute, so a test's likes fall in one window of a "n/m" limit."""
    return datetime.now(UTC).replace(second=1, microsecond=0) + timedelta(minutes=1)


@pytest.fixture
def article():
    return make_article("Hoa tam giác mạch Hà Giang")


def like(comment, ip="203.0.113.5"):
    """One like from a fresh browser (no cookies) at `ip`."""
    url = reverse("comments:like", args=[comment.pk])
    return Client(REMOTE_ADDR=ip).post(url, {"article": comment.article_id}, **JSON)


def likes(comment) -> int:
    return Comment.objects.values_list("like_count", flat=True).get(pk=comment.pk)


def test_fresh_cookies_at_one_address_like_a_comment_once_an_hour(article):
    comment = make_comment(article)
    answers = [like(comment) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 409, 409]
    assert "mạng bạn đang dùng" in answers[1].json()["message"]
    assert likes(comment) == 1 == CommentLike.objects.count()

    assert like(comment, "198.51.100.8").status_code == 200  # another network
    assert like(comment, "2001:db8:1:2::5").status_code == 200
    assert like(comment, "2001:db8:1:2::6").status_code == 409  # the same IPv6 line
    with time_machine.travel(datetime.now(UTC) + timedelta(hours=1, minutes=1)):
        assert like(comment).status_code == 200
    assert likes(comment) == 4


def test_a_network_still_likes_other_comments(article):
    first, second = make_comment(article), make_comment(article)
    assert like(first).status_code == 200
    assert like(second).status_code == 200
    assert likes(first) == likes(second) == 1


@pytest.mark.usefixtures("redis_down")
def test_the_like_limit_holds_while_the_cache_is_down(article, settings):
    settings.COMMENT_LIKE_RATE_LIMIT = "2/m"
    comments = [make_comment(article) for _ in range(3)]
    minute = next_minute()
    with time_machine.travel(minute):
        answers = [like(c) for c in comments]
        assert [a.status_code for a in answers] == [200, 200, 429]
        assert "quá nhiều" in answers[2].json()["message"]
        assert like(comments[2], "198.51.100.8").status_code == 200
    with time_machine.travel(minute + timedelta(minutes=1)):
        assert like(comments[2]).status_code == 200
    assert CommentLike.objects.count() == 4
