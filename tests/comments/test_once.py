"""One form, one comment: double clicks, retries and replays store a comment once."""

import json
from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse

from comments import once
from comments.forms import CommentForm
from comments.models import Comment
from tests.comments.helpers import POST_URL, comment_data
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article("Làm theo Bác ở Đảng bộ Sở Nội vụ")


def test_double_click_stores_one_comment_and_both_answers_say_received(client, article):
    data = comment_data(article, body="Bấm hai lần")

    first = client.post(POST_URL, data)
    second = client.post(POST_URL, data, follow=True)

    assert first.status_code == 302
    assert second.redirect_chain == [(f"{article.get_absolute_url()}#binh-luan", 302)]
    assert "đang chờ kiểm duyệt" in second.content.decode()
    assert Comment.objects.filter(body="Bấm hai lần").count() == 1


def test_retry_is_not_counted_by_the_rate_limit(client, article, settings):
    settings.COMMENT_RATE_LIMIT = "1/m"
    data = comment_data(article, body="Mạng chập chờn, gửi lại")

    assert client.post(POST_URL, data).status_code == 302
    assert client.post(POST_URL, data).status_code == 302
    assert Comment.objects.count() == 1


def test_a_used_form_with_another_text_is_refused_and_keeps_the_text(client, article):
    token = comment_data(article)["token"]
    client.post(POST_URL, comment_data(article, token=token, body="Bình luận đầu"))

    response = client.post(POST_URL, comment_data(article, token=token, body="Bình luận khác"))

    assert response.status_code == 409
    html = response.content.decode()
    assert "đã được dùng để gửi một bình luận khác" in html
    assert "Bình luận khác" in html
    assert f'value="{token}"' not in html  # the form shown again can be sent
    assert list(Comment.objects.values_list("body", flat=True)) == ["Bình luận đầu"]


def test_a_form_whose_comment_was_deleted_cannot_post_again(client, article):
    data = comment_data(article, body="Quảng cáo")
    client.post(POST_URL, data)
    Comment.objects.all().delete()

    assert client.post(POST_URL, data).status_code == 409
    assert not Comment.objects.exists()


def test_the_database_stores_one_comment_when_the_cache_forgot_the_form(client, article):
    data = comment_data(article, body="Cache mất trí nhớ")
    client.post(POST_URL, data)
    cache.clear()

    assert client.post(POST_URL, data).status_code == 302
    assert Comment.objects.count() == 1


def test_two_clicks_at_the_same_instant_store_one_comment(article):
    """Both requests passed the check before either stored: the unique token decides."""
    data = comment_data(article, body="Cùng lúc")
    forms = [CommentForm(article, data=data) for _ in range(2)]
    assert all(form.is_valid() for form in forms)
    assert once.earlier_comment(forms[1]) is None

    first, created_first = once.store(forms[0], ip_address="127.0.0.1", user_agent="")
    second, created_second = once.store(forms[1], ip_address="127.0.0.1", user_agent="")

    assert (created_first, created_second) == (True, False)
    assert first.pk == second.pk
    assert Comment.objects.count() == 1


def test_a_twin_click_that_commits_while_this_one_checks_is_received_not_refused(article):
    data = comment_data(article, body="Đúng lúc")
    mine, twin = CommentForm(article, data=data), CommentForm(article, data=data)
    assert mine.is_valid() and twin.is_valid()

    def twin_commits_now(key, default=None):
        comment, _ = once.store(twin, ip_address="127.0.0.1", user_agent="")
        return comment.pk

    with mock.patch("comments.once.cache") as cache_mock:
        cache_mock.get.side_effect = twin_commits_now
        assert once.earlier_comment(mine) == Comment.objects.get()


def test_form_fields_endpoint_gives_each_reader_a_fresh_single_use_token(client, article):
    url = reverse("comments:form-fields", args=[article.pk])
    first, second = client.get(url), client.get(url)

    assert first.status_code == 200
    assert "no-store" in first["Cache-Control"]
    tokens = [json.loads(r.content)["fields"]["token"] for r in (first, second)]
    assert tokens[0] != tokens[1]
    for n, token in enumerate(tokens):
        data = comment_data(article, token=token, body=f"Người đọc {n}")
        # The endpoint's token is as fresh as a page's: the minimum fill time still applies
        # (the reader is sent back to the form to send it again, comments/drafts.py).
        assert client.post(POST_URL, data).status_code == 303
    assert not Comment.objects.exists()


def test_form_fields_endpoint_refuses_stories_without_comments(client):
    closed = make_article("Đã đóng", allow_comments=False)
    draft = make_article("Bản nháp", status="draft")

    for pk in (closed.pk, draft.pk, 999_999):
        assert client.get(reverse("comments:form-fields", args=[pk])).status_code == 404


def test_shared_article_page_tells_the_script_where_to_get_a_token(client, article):
    html = client.get(article.get_absolute_url()).content.decode()

    url = reverse("comments:form-fields", args=[article.pk])
    assert f'data-fields-url="{url}"' in html
