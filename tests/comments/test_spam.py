"""Spam defences: honeypot, form timing (also on a page cached for a day), links, blocked words."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from comments.models import BlockedWord, Comment
from tests.comments.helpers import POST_URL, comment_data, form_token
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article("Đường Điện Biên Phủ sáng đèn")


def page_token(client, article) -> str:
    """The token a reader's browser gets for the story's form, as static/js/comments.js does.

    The page itself may come from the cache, the same for every reader: it names where the
    browser fetches the reader's own token when they start writing.
    """
    html = client.get(article.get_absolute_url()).content.decode()
    fields_url = re.search(r'data-fields-url="([^"]+)"', html).group(1)
    return client.get(fields_url).json()["fields"]["token"]


def test_filled_honeypot_is_refused_with_message_and_text_kept(client, article):
    response = client.post(
        POST_URL, comment_data(article, website="http://spam.example", body="Nội dung của tôi")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ô này phải để trống" in html
    assert "Nội dung của tôi</textarea>" in html
    # The honeypot comes back empty, so a person who filled it by mistake can just send again.
    trap = re.search(r'<input[^>]*name="website"[^>]*>', html).group(0)
    assert 'value=""' in trap and 'id="id_website"' in trap
    assert Comment.objects.count() == 0


def test_form_sent_within_three_seconds_is_refused_then_accepted_on_resend(client, article):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        token = page_token(client, article)
        clock.shift(timedelta(seconds=1))
        response = client.post(POST_URL, comment_data(article, token=token, body="Nhanh tay"))
        # Back to the story at the form (post, redirect, get): a reload re-posts nothing.
        assert response.status_code == 303
        html = client.get(response["Location"]).content.decode()
        assert "Bạn gửi quá nhanh" in html
        assert "Nhanh tay</textarea>" in html
        fresh = re.search(r'name="token" value="([^"]+)"', html).group(1)

        clock.shift(timedelta(seconds=5))
        response = client.post(POST_URL, comment_data(article, token=fresh, body="Nhanh tay"))
    assert response.status_code == 302
    assert Comment.objects.get().body == "Nhanh tay"


def test_quick_human_after_three_seconds_passes(client, article):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        token = page_token(client, article)
        clock.shift(timedelta(seconds=3.5))
        response = client.post(POST_URL, comment_data(article, token=token))
    assert response.status_code == 302


def test_min_fill_time_is_a_setting(client, article, settings):
    settings.COMMENT_MIN_FILL_SECONDS = 10
    with time_machine.travel(timezone.now(), tick=False) as clock:
        token = page_token(client, article)
        clock.shift(timedelta(seconds=5))
        assert client.post(POST_URL, comment_data(article, token=token)).status_code == 303
    assert Comment.objects.count() == 0


def test_form_from_a_page_cached_for_a_day_still_works(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 2 * 24 * 3600
    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert client.get(article.get_absolute_url())["X-Page-Cache"] == "miss"
        clock.shift(timedelta(hours=23, minutes=50))
        assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
        token = page_token(client, article)  # the day-old page, then the reader's own token
        clock.shift(timedelta(seconds=20))
        response = client.post(POST_URL, comment_data(article, token=token))
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_trap_still_catches_a_robot_on_a_page_cached_for_a_day(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 2 * 24 * 3600
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client.get(article.get_absolute_url())
        clock.shift(timedelta(hours=23, minutes=50))
        page = client.get(article.get_absolute_url())
        assert page["X-Page-Cache"] == "hit"
        # The cached page carries no timestamp a robot could send back at once...
        assert 'name="token" value=""' in page.content.decode()
        response = client.post(POST_URL, comment_data(article, token="", body="Quảng cáo"))
        assert response.status_code == 400
        assert "Biểu mẫu không hợp lệ" in response.content.decode()
        # ...and the one it can fetch is only as old as its fetching.
        token = page_token(client, article)
        clock.shift(timedelta(seconds=1))
        response = client.post(POST_URL, comment_data(article, token=token, body="Quảng cáo"))
        assert response.status_code == 303
        assert "Bạn gửi quá nhanh" in client.get(response["Location"]).content.decode()
    assert Comment.objects.count() == 0


def test_form_older_than_a_day_is_refused_keeping_the_text_and_renewed(client, article):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        token = page_token(client, article)
        clock.shift(timedelta(days=1, minutes=5))
        response = client.post(POST_URL, comment_data(article, token=token, body="Viết lâu"))
        assert response.status_code == 400
        html = response.content.decode()
        assert "Biểu mẫu đã quá hạn" in html
        assert "Viết lâu</textarea>" in html
        fresh = re.search(r'name="token" value="([^"]+)"', html).group(1)
        clock.shift(timedelta(seconds=10))
        response = client.post(POST_URL, comment_data(article, token=fresh, body="Viết lâu"))
    assert response.status_code == 302


@pytest.mark.parametrize("token", ["", "gia-mao", "eyJhIjoxfQ:1abc:xyz"])
def test_missing_or_forged_token_is_refused(client, article, token):
    response = client.post(POST_URL, comment_data(article, token=token, body="Giữ lại"))
    assert response.status_code == 400
    assert "Biểu mẫu không hợp lệ" in response.content.decode()
    assert "Giữ lại</textarea>" in response.content.decode()


def test_token_of_another_story_is_refused(client, article):
    other = make_article()
    response = client.post(POST_URL, comment_data(article, token=form_token(other)))
    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_many_links_send_the_comment_to_spam_and_its_author_is_told(client, article, settings):
    settings.COMMENT_MAX_LINKS = 2
    body = "Mua ngay http://a.example www.b.example https://c.example"
    response = client.post(POST_URL, comment_data(article, body=body), follow=True)

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert "3 liên kết" in comment.spam_reason
    # Only its sender sees it, told why it is not published (tests/comments/test_form_return.py);
    # nothing public changes.
    html = response.content.decode()
    start = html.index('class="comments-own-held"')
    own = html[start : html.index('class="comment-form"', start)]
    assert "Mua ngay" in own and "chưa được đăng" in own
    article.refresh_from_db()
    assert article.comment_count == 0


def test_two_links_wait_for_a_moderator(client, article, settings):
    settings.COMMENT_MAX_LINKS = 2
    body = "Nguồn: https://www.baolaichau.vn và www.chinhphu.vn/tin-tuc"
    client.post(POST_URL, comment_data(article, body=body))
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_blocked_word_sends_the_comment_to_spam(client, article):
    BlockedWord.objects.create(word="Thuốc Giả")
    client.post(POST_URL, comment_data(article, body="Bán THUỐC GIẢ giá rẻ"))
    client.post(POST_URL, comment_data(article, body="Thuốc tốt, giá rẻ"))

    spam, fine = Comment.objects.order_by("pk")
    assert spam.status == Comment.Status.SPAM
    assert "thuốc giả" in spam.spam_reason
    assert fine.status == Comment.Status.PENDING


def test_blocked_word_matches_whole_words_only(client, article):
    BlockedWord.objects.create(word="sex")
    client.post(POST_URL, comment_data(article, body="Đội bóng Essex thắng"))
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_blocked_word_in_the_name_counts_too(client, article):
    BlockedWord.objects.create(word="casino")
    client.post(POST_URL, comment_data(article, name="Casino online"))
    assert Comment.objects.get().status == Comment.Status.SPAM
