"""In Chromium: a comment sent too fast comes back to the story at the form (with and without
JavaScript), and the reply form: its cancel button, its heading, the reader's pending reply."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.factories import make_article, make_comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOO_FAST = "Bạn gửi quá nhanh"


def fill(page, body: str) -> None:
    page.get_by_label("Họ và tên").fill("Lò Thị Mai")
    page.get_by_label("Email").fill("mai@example.com")
    page.get_by_label("Nội dung bình luận").fill(body)
    page.get_by_role("button", name="Gửi bình luận").click()


def assert_back_at_the_form(page, story_url: str, body: str) -> None:
    alert = page.locator(".comment-form .form-errors")
    expect(alert).to_contain_text(TOO_FAST)
    expect(alert).to_be_in_viewport()
    assert page.url == f"{story_url}#viet-binh-luan"
    expect(page.get_by_label("Nội dung bình luận")).to_have_value(body)
    expect(page.get_by_label("Họ và tên")).to_have_value("Lò Thị Mai")
    # A reload is a plain GET of the story: nothing is posted again.
    page.reload()
    expect(page.locator(".comment-form .form-errors")).to_have_count(0)
    assert Comment.objects.count() == 0


def test_too_fast_comes_back_to_the_story_at_the_form(live_server, page, settings):
    settings.COMMENT_MIN_FILL_SECONDS = 60
    article = make_article("Mường Tè được mùa")
    story_url = live_server.url + article.get_absolute_url()
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(story_url)
    fill(page, "Lúa năm nay trĩu hạt.")
    assert_back_at_the_form(page, story_url, "Lúa năm nay trĩu hạt.")


def test_too_fast_without_javascript_too(live_server, browser, settings):
    settings.COMMENT_MIN_FILL_SECONDS = 60
    article = make_article("Mường Tè được mùa")
    story_url = live_server.url + article.get_absolute_url()
    context = browser.new_context(locale="vi-VN", java_script_enabled=False)
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(story_url)
        # The shared page's form has no token without the script: the first press is refused
        # for that (comments/csrf.py) with the form ready, the second is sent too soon.
        fill(page, "Không có JavaScript.")
        expect(page.locator(".comment-form .form-errors")).to_contain_text("mã bảo mật")
        page.get_by_role("button", name="Gửi bình luận").click()
        assert_back_at_the_form(page, story_url, "Không có JavaScript.")
    finally:
        context.close()


def test_reply_form_cancel_heading_and_pending_reply(live_server, page, settings):
    settings.COMMENT_MIN_FILL_SECONDS = 0
    article = make_article("Mường Tè được mùa")
    parent = make_comment(article, name="Hoàng Minh", body="Năm nay lúa tốt quá.")
    make_comment(article, name="Lý Hoa", body="Ngô cũng được mùa.")
    page.goto(live_server.url + article.get_absolute_url())
    heading = page.locator("#viet-binh-luan")
    expect(heading).to_be_visible()

    thread = page.locator(f"#binh-luan-{parent.pk}")
    thread.get_by_role("link", name="Trả lời").click()
    expect(thread.locator(".comment-form")).to_have_count(1)
    # No "Viết bình luận" heading left at the bottom with no form under it.
    expect(heading).to_be_hidden()
    cancel = page.get_by_role("button", name="Hủy trả lời")
    submit = page.get_by_role("button", name="Gửi bình luận")

    def background(locator):
        return locator.evaluate("element => getComputedStyle(element).backgroundColor")

    assert background(cancel) != background(submit)
    assert background(cancel) in ("rgba(0, 0, 0, 0)", "transparent")
    cancel.click()
    expect(thread.locator(".comment-form")).to_have_count(0)
    expect(heading).to_be_visible()

    thread.get_by_role("link", name="Trả lời").click()
    fill(page, "Đúng vậy, lúa rất tốt.")
    expect(page.get_by_role("status")).to_contain_text("đang chờ kiểm duyệt")
    # The reader's own reply waits under the comment it answers, not in the general box.
    expect(thread.locator(".comment-own-pending")).to_contain_text("Đúng vậy, lúa rất tốt.")
    expect(page.locator(".comments-own-pending")).to_be_hidden()
    assert Comment.objects.get(name="Lò Thị Mai").parent == parent
