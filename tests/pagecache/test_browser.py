"""In Chromium: a page served from the cache still takes comments and shows the right time."""

from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_comments_from_a_page_served_from_the_cache(live_server, browser, settings):
    settings.COMMENT_MIN_FILL_SECONDS = 0  # Playwright types faster than the 3 s a person needs
    article = make_article("Mường Tè được mùa")
    url = live_server.url + article.get_absolute_url()
    first = browser.new_context(locale="vi-VN")
    try:
        assert first.new_page().goto(url).headers["x-page-cache"] == "miss"
    finally:
        first.close()

    reader = browser.new_context(locale="vi-VN")
    try:
        page = reader.new_page()
        assert page.goto(url).headers["x-page-cache"] == "hit"
        page.get_by_label("Họ và tên").fill("Lò Thị Mai")
        page.get_by_label("Email").fill("mai@example.com")
        page.get_by_label("Nội dung bình luận").fill("Lúa năm nay trĩu hạt.")
        page.get_by_role("button", name="Gửi bình luận").click()
        expect(page.get_by_role("status")).to_contain_text("đang chờ kiểm duyệt")
        expect(page.locator(".comments-own-pending")).to_contain_text("Lúa năm nay trĩu hạt.")
    finally:
        reader.close()
    comment = Comment.objects.get()
    assert (comment.name, comment.status) == ("Lò Thị Mai", Comment.Status.PENDING)


def test_the_header_clock_is_the_readers_time_on_a_cached_page(live_server, browser):
    article = make_article("Đường Điện Biên Phủ sáng đèn")
    url = live_server.url + article.get_absolute_url()
    first = browser.new_context(locale="vi-VN")
    try:
        first.new_page().goto(url)  # cached now, its clock rendered by the server
    finally:
        first.close()
    context = browser.new_context(locale="vi-VN")
    try:
        page = context.new_page()
        page.clock.set_fixed_time(datetime(2030, 1, 1, 0, 30, tzinfo=UTC))
        assert page.goto(url).headers["x-page-cache"] == "hit"
        expect(page.locator("#clock")).to_have_text("Thứ ba, 01/01/2030, 07:30 [GMT+7]")
    finally:
        context.close()
