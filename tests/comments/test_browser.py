"""In Chromium: a reader comments, a moderator approves in the admin, the reader sees it."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from newsroom.roles import MODERATOR
from tests.factories import make_article, make_comment, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_comment_waits_for_moderator_then_appears(live_server, page, browser, settings):
    # Playwright fills the form in well under the 3 s a person needs; the threshold is a
    # setting, so the test lowers it instead of waiting.
    settings.COMMENT_MIN_FILL_SECONDS = 0
    article = make_article(
        "Làm theo Bác ở Đảng bộ Sở Nội vụ",
        lead="Nhờ kết hợp chặt chẽ việc học tập và làm theo tư tưởng, đạo đức của Bác.",
        byline="T. Hùng",
    )
    make_user("kiemduyet", groups=[MODERATOR], password="mat-khau-kiem-duyet")
    story_url = live_server.url + article.get_absolute_url()
    text = "Cán bộ Sở Nội vụ làm việc tận tình, cảm ơn tòa soạn!"

    page.goto(story_url)
    expect(page.locator("#binh-luan")).to_contain_text("Hiện tại chưa có bình luận")
    page.get_by_label("Họ và tên").fill("Lò Thị Mai")
    page.get_by_label("Email").fill("mai@example.com")
    page.get_by_label("Nội dung bình luận").fill(text)
    page.get_by_role("button", name="Gửi bình luận").click()

    expect(page.get_by_role("status")).to_contain_text("đang chờ kiểm duyệt")
    assert page.url.endswith("#binh-luan")
    expect(page.locator(".comment-list")).to_have_count(0)
    expect(page.locator(".comments-empty")).to_have_text("Hiện tại chưa có bình luận")
    expect(page.get_by_label("Họ và tên")).to_have_value("Lò Thị Mai")

    # Another reader does not see it at all.
    stranger = browser.new_context(locale="vi-VN")
    try:
        other = stranger.new_page()
        other.goto(story_url)
        expect(other.locator("#binh-luan")).not_to_contain_text(text)
    finally:
        stranger.close()

    desk = browser.new_context(locale="vi-VN")
    try:
        admin = desk.new_page()
        admin.goto(live_server.url + "/admin/")
        admin.locator("#id_username").fill("kiemduyet")
        admin.locator("#id_password").fill("mat-khau-kiem-duyet")
        admin.locator("input[type=submit]").click()
        waiting = admin.locator("#so-lieu-comments-waiting")
        expect(waiting.locator(".badge")).to_have_text("1")
        waiting.get_by_role("link", name="Bình luận chờ duyệt").click()
        row = admin.locator(".queue-row", has_text="Lò Thị Mai")
        row.get_by_role("button", name="Duyệt").click()
        expect(row.locator(".queue-status")).to_have_text("Đã duyệt.")
        expect(admin.locator(".queue-pending-count")).to_have_text("0")
    finally:
        desk.close()

    page.reload()
    expect(page.locator(".comment-list")).to_contain_text(text)
    expect(page.locator(".comment-list")).to_contain_text("Lò Thị Mai")
    expect(page.locator("#binh-luan-heading")).to_have_text("Bình luận (1)")


def test_reply_link_moves_the_form_under_the_comment(live_server, page, settings):
    settings.COMMENT_MIN_FILL_SECONDS = 0
    article = make_article("Mường Tè được mùa")
    parent = make_comment(article, name="Hoàng Minh", body="Năm nay lúa tốt quá.")

    page.goto(live_server.url + article.get_absolute_url())
    page.get_by_role("link", name="Trả lời").click()

    thread = page.locator(f"#binh-luan-{parent.pk}")
    expect(thread.locator(".comment-form")).to_have_count(1)
    expect(thread).to_contain_text("Trả lời bình luận của Hoàng Minh")
    assert page.url.endswith(article.get_absolute_url())
    page.get_by_label("Họ và tên").fill("Lò Văn Sơn")
    page.get_by_label("Email").fill("son@example.com")
    page.get_by_label("Nội dung bình luận").fill("Đúng vậy.")
    page.get_by_role("button", name="Gửi bình luận").click()

    expect(page.get_by_role("status")).to_contain_text("đang chờ kiểm duyệt")
    assert Comment.objects.get(name="Lò Văn Sơn").parent == parent


def test_a_newer_csrf_cookie_from_the_pages_other_fetch_does_not_refuse_the_comment(
    live_server, page, settings
):
    """The comment fields and the likes' state are fetched at once by a new visitor: each may
    set the first CSRF cookie, and the later one wins. The form must send what the cookie
    holds (CI saw "CSRF token from POST incorrect" when it did not)."""
    settings.COMMENT_MIN_FILL_SECONDS = 0
    article = make_article("Mường Tè được mùa")
    make_comment(article, name="Hoàng Minh", body="Năm nay lúa tốt quá.")
    page.goto(live_server.url + article.get_absolute_url())
    page.get_by_label("Họ và tên").fill("Lò Văn Sơn")  # the form fetches its own fields
    expect(page.locator(".comment-form input[name='csrfmiddlewaretoken']")).not_to_have_value("")
    # What the other fetch's answer would do if it came last: a cookie of its own.
    page.context.add_cookies([{"name": "csrftoken", "value": "b" * 32, "url": live_server.url}])
    page.get_by_label("Email").fill("son@example.com")
    page.get_by_label("Nội dung bình luận").fill("Đúng vậy.")
    page.get_by_role("button", name="Gửi bình luận").click()

    expect(page.get_by_role("status")).to_contain_text("đang chờ kiểm duyệt")
    assert Comment.objects.filter(name="Lò Văn Sơn").exists()
