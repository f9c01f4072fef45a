"""A comment post that meets a server error loses nothing the reader typed."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from comments.forms import CommentForm
from comments.models import Comment
from tests.comments.helpers import POST_URL, comment_data
from tests.factories import make_article


def failing_save(self, **kwargs):
    raise RuntimeError("the database went away")


@pytest.mark.django_db
def test_failed_post_says_the_comment_was_not_received(monkeypatch):
    monkeypatch.setattr(CommentForm, "save", failing_save)
    article = make_article("Mùa lúa chín")
    client = Client(raise_request_exception=False)
    response = client.post(POST_URL, comment_data(article))
    assert response.status_code == 500
    assert "Bình luận của bạn chưa được nhận" in response.text
    assert "bấm Gửi bình luận lần nữa" in response.text


@pytest.mark.django_db
def test_other_server_errors_keep_the_general_message(monkeypatch):
    from articles import views

    def boom(*args, **kwargs):
        raise RuntimeError("broken")

    monkeypatch.setattr(views.HomeView, "get", boom)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert "Bình luận của bạn chưa được nhận" not in response.text
    assert "Hệ thống gặp sự cố tạm thời" in response.text


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_text_survives_a_server_error_and_is_dropped_once_received(
    live_server, page, settings, monkeypatch
):
    settings.COMMENT_MIN_FILL_SECONDS = 0
    article = make_article("Mùa lúa chín ở Mường Tè")
    url = live_server.url + article.get_absolute_url()
    text = "Năm nay bà con Mường Tè được mùa, cảm ơn tòa soạn đã đưa tin."

    page.goto(url)
    page.get_by_label("Họ và tên").fill("Lò Thị Mai")
    page.get_by_label("Email").fill("mai@example.com")
    page.get_by_label("Nội dung bình luận").fill(text)
    with monkeypatch.context() as broken:
        broken.setattr(CommentForm, "save", failing_save)
        page.get_by_role("button", name="Gửi bình luận").click()
        expect(page.locator("body")).to_contain_text("Bình luận của bạn chưa được nhận")
    assert not Comment.objects.exists()

    page.goto(url)  # the reader comes back to the story
    expect(page.get_by_label("Nội dung bình luận")).to_have_value(text)
    expect(page.get_by_label("Họ và tên")).to_have_value("Lò Thị Mai")
    expect(page.locator(".comment-draft-restored")).to_contain_text("chưa được gửi")

    page.get_by_role("button", name="Gửi bình luận").click()
    expect(page.get_by_role("status").first).to_contain_text("đang chờ kiểm duyệt")
    assert Comment.objects.get().body == text
    page.goto(url)
    expect(page.get_by_label("Nội dung bình luận")).to_have_value("")
    expect(page.locator(".comment-draft-restored")).to_have_count(0)
