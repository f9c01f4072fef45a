"""Redis down: every page still renders, the errors are logged, comments are still taken."""

import logging

import pytest
from django.urls import reverse

from comments.models import Comment
from comments.moderation import approve
from tests.comments.helpers import POST_URL, comment_data
from tests.factories import make_article, make_user
from tests.harness.ports import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings):
    """The cache is Redis on a port where nothing listens, asked again at every call."""
    settings.CACHE_RETRY_SECONDS = 0
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }


@pytest.fixture
def article():
    return make_article("Lũ quét ở Mường Tè", tags=["thiên tai"])


def test_reader_pages_render_and_the_cache_errors_are_logged(client, redis_down, article, caplog):
    caplog.set_level(logging.ERROR, logger="newsroom.cache")
    pages = [
        "/",
        article.get_absolute_url(),
        article.section.get_absolute_url(),
        reverse("articles:tag", args=["thien-tai"]),
        reverse("articles:search") + "?q=lu+quet",
        reverse("articles:feed"),
        reverse("comments:list", args=[article.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Lũ quét ở Mường Tè" in client.get(article.get_absolute_url()).content.decode()
    assert any("Cache unavailable" in record.message for record in caplog.records)


def test_comments_are_taken_once_and_the_rate_limit_lets_them_through_to_moderation(
    client, redis_down, article, settings
):
    settings.COMMENT_RATE_LIMIT = "1/m"
    first = comment_data(article, body="Bình luận thứ nhất")

    assert client.post(POST_URL, first).status_code == 302
    assert client.post(POST_URL, first).status_code == 302  # a retry, still one comment
    assert client.post(POST_URL, comment_data(article, body="Thứ hai")).status_code == 302
    assert sorted(Comment.objects.values_list("body", flat=True)) == [
        "Bình luận thứ nhất",
        "Thứ hai",
    ]


def test_an_approved_comment_shows_at_once_without_the_cache(client, redis_down, article):
    client.post(POST_URL, comment_data(article, body="Chia buồn cùng bà con"))
    approve(Comment.objects.get(), by=make_user())

    assert "Chia buồn cùng bà con" in client.get(article.get_absolute_url()).content.decode()
