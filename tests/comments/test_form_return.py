"""What a reader whose comment was not published is shown: a form sent too fast comes back to
its story (post, redirect, get) filled in with the reason beside it, and a comment the filter
held for its links tells its author why, while other spam reasons stay untold."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from comments.models import BlockedWord, Comment
from comments.spam import make_token
from tests.comments.helpers import POST_URL, comment_data
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db

TOO_FAST = "Bạn gửi quá nhanh"


@pytest.fixture
def article():
    return make_article("Đường Điện Biên Phủ sáng đèn")


def form_html(html: str) -> str:
    start = html.index('<form class="comment-form"')
    return html[start : html.index("</form>", start)]


def test_too_fast_comes_back_to_the_story_at_the_form_filled_in(client, article, settings):
    settings.COMMENT_MIN_FILL_SECONDS = 10
    data = comment_data(article, body="Đèn sáng cả đêm", name="Lò Thị Mai")
    response = client.post(POST_URL, {**data, "token": make_token(article.pk)})
    assert response.status_code == 303
    assert response["Location"] == f"{article.get_absolute_url()}#viet-binh-luan"
    assert Comment.objects.count() == 0

    page = client.get(response["Location"])
    assert page.status_code == 200
    form = form_html(page.content.decode())
    assert TOO_FAST in form
    assert "Đèn sáng cả đêm</textarea>" in form
    assert 'value="Lò Thị Mai"' in form
    # A fresh timestamp of the reader's own, so the next click can go through.
    assert re.search(r'name="token" value="[^"]+"', form)

    # A reload re-posts nothing and says nothing more.
    again = client.get(article.get_absolute_url()).content.decode()
    assert TOO_FAST not in again
    assert Comment.objects.count() == 0


def test_another_server_process_shows_the_kept_text_too(client, article, settings):
    """Without a shared cache (SQLite, `gunicorn -w 2`) the worker answering the GET is often
    not the one that refused the post: the draft comes back with the reader, not from memory."""
    settings.COMMENT_MIN_FILL_SECONDS = 10
    data = comment_data(article, body="Mưa to ở Sìn Hồ", name="Lò Văn Páo")
    response = client.post(POST_URL, {**data, "token": make_token(article.pk)})
    assert response.status_code == 303
    cache.clear()  # what the other process's memory holds of this one's: nothing
    form = form_html(client.get(response["Location"]).content.decode())
    assert TOO_FAST in form
    assert "Mưa to ở Sìn Hồ</textarea>" in form


def test_a_forged_draft_cookie_shows_nothing(client, article):
    client.cookies["binh_luan_nhap"] = "eyJhcnRpY2xlIjoxfQ:forged:sig"
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert TOO_FAST not in page.content.decode()


def test_the_kept_text_is_nobody_elses(client, article, settings):
    settings.COMMENT_MIN_FILL_SECONDS = 10
    client.get(article.get_absolute_url())  # the shared page is in the cache
    data = comment_data(article, body="Chỉ của tôi thôi")
    response = client.post(POST_URL, {**data, "token": make_token(article.pk)})
    assert response.status_code == 303
    mine = client.get(article.get_absolute_url())
    assert "Chỉ của tôi thôi" in mine.content.decode()
    assert mine.get("X-Page-Cache") != "hit"

    stranger = Client().get(article.get_absolute_url())
    assert "Chỉ của tôi thôi" not in stranger.content.decode()
    assert TOO_FAST not in stranger.content.decode()


def test_a_reply_sent_too_fast_comes_back_to_its_reply_page(client, article, settings):
    settings.COMMENT_MIN_FILL_SECONDS = 10
    parent = make_comment(article, name="Hoàng Minh", body="Năm nay lúa tốt quá.")
    data = comment_data(article, body="Đúng vậy", parent=str(parent.pk))
    response = client.post(POST_URL, {**data, "token": make_token(article.pk)})
    assert response.status_code == 303
    assert response["Location"].startswith(f"/binh-luan/{parent.pk}/tra-loi/")
    form = form_html(client.get(response["Location"]).content.decode())
    assert TOO_FAST in form and "Đúng vậy</textarea>" in form
    assert f'name="parent" value="{parent.pk}"' in form


def test_other_errors_still_answer_with_the_form_on_the_spot(client, article, settings):
    settings.COMMENT_MIN_FILL_SECONDS = 10
    data = comment_data(article, body="Nội dung", email="khong-phai-email")
    response = client.post(POST_URL, {**data, "token": make_token(article.pk)})
    assert response.status_code == 400
    assert "Địa chỉ email không hợp lệ" in response.content.decode()


def test_a_comment_held_for_its_links_tells_its_author_why(client, article, settings):
    settings.COMMENT_MAX_LINKS = 2
    body = "Xem http://a.example www.b.example https://c.example"
    page = client.post(POST_URL, comment_data(article, body=body), follow=True)
    assert Comment.objects.get().status == Comment.Status.SPAM
    html = page.content.decode()
    start = html.index('class="comments-own-held"')
    note = html[start : html.index("</div>", start)]
    assert "chưa được đăng" in note
    assert "nhiều hơn 2 liên kết" in note
    assert "bỏ các liên kết" in note
    assert "Xem http://a.example" in note
    assert 'class="comments-own-pending"' not in html


def test_other_spam_reasons_stay_untold(client, article):
    BlockedWord.objects.create(word="thuốc giả")
    page = client.post(
        POST_URL,
        comment_data(article, body="Bán thuốc giả"),
        follow=True,
    )
    assert Comment.objects.get().status == Comment.Status.SPAM
    html = page.content.decode()
    assert "chưa được đăng" not in html
    assert "đang chờ kiểm duyệt" in html
    assert "từ bị chặn" not in html and "comments-own-held" not in html


def test_a_pending_reply_names_the_comment_it_answers(client, article):
    parent = make_comment(article, name="Hoàng Minh", body="Năm nay lúa tốt quá.")
    page = client.post(
        POST_URL,
        comment_data(article, body="Đúng vậy", parent=str(parent.pk)),
        follow=True,
    )
    html = page.content.decode()
    reply = re.search(
        r'<div class="comment-pending-reply" data-parent="(\d+)">(.*?)</div>', html, re.S
    )
    assert reply and reply.group(1) == str(parent.pk)
    assert "Hoàng Minh" in reply.group(2) and "Đúng vậy" in reply.group(2)
