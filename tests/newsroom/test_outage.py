"""A database outage: a Vietnamese 503 page that says when to retry, and a comment's text kept."""

from unittest import mock

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import InterfaceError, OperationalError
from django.test import Client

from tests.comments.helpers import POST_URL, comment_data
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def refused(*args, **kwargs):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')


def assert_outage_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "15"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "Hệ thống đang tạm gián đoạn" in html
    assert "Traceback" not in html and "OperationalError" not in html
    return html


@pytest.mark.parametrize("debug", [False, True])
def test_story_page_during_an_outage_is_a_vietnamese_503(client, settings, debug):
    settings.DEBUG = debug
    article = make_article("Bão số 3")
    with mock.patch("articles.views.ArticleDetailView.get_object", refused):
        assert_outage_page(client.get(article.get_absolute_url()))


def test_closed_connection_is_an_outage_too(client):
    def closed(*args, **kwargs):
        raise InterfaceError("connection already closed")

    with mock.patch("articles.views.HomeView.get_context_data", closed):
        assert_outage_page(client.get("/"))


def test_comment_posted_during_an_outage_is_not_claimed_received_and_its_text_is_given_back(
    client,
):
    article = make_article("Bão số 3")
    data = comment_data(article, body="Mong bà con vùng lũ bình an.")
    with mock.patch("comments.views.public_article", refused):
        html = assert_outage_page(client.post(POST_URL, data))
    assert "Bình luận của bạn chưa được gửi" in html
    assert "Mong bà con vùng lũ bình an." in html
    assert "đang chờ kiểm duyệt" not in html

    # The same form, sent again when the database is back, is stored once.
    assert client.post(POST_URL, data).status_code == 302
    assert client.post(POST_URL, data).status_code == 302
    assert article.comments.count() == 1


def test_outage_in_a_middleware_is_a_503_not_a_500(settings):
    """Errors outside views (here, loading a session) reach the 500 handler: it answers 503."""
    client = Client(raise_request_exception=False)
    client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32
    with mock.patch.object(SessionStore, "load", refused):
        response = client.get("/admin/")
    assert_outage_page(response)


def test_other_server_errors_keep_the_500_page(settings):
    client = Client(raise_request_exception=False)
    client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32
    with mock.patch.object(SessionStore, "load", side_effect=RuntimeError("lỗi khác")):
        response = client.get("/admin/")
    assert response.status_code == 500
    assert "Xin lỗi, đã có lỗi xảy ra" in response.content.decode()
