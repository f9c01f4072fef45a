"""In Chromium: a reader likes, sorts and reports; a moderator clears the queue by keyboard."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from comments.models import Comment, CommentReport
from tests.desk_users import moderator
from tests.factories import make_article, make_comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username: str, password: str) -> None:
    page.goto(live_server.url + "/admin/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("input[type=submit]").click()


def test_reader_likes_sorts_and_reports(live_server, page, settings):
    settings.COMMENT_REPORTS_TO_HIDE = 1
    article = make_article("Chợ phiên Sìn Hồ")
    now = timezone.now()
    older = make_comment(
        article, name="Lò Văn Sơn", body="Chợ đông vui.", created_at=now - timedelta(hours=2)
    )
    newer = make_comment(article, name="Hoàng Mai", body="Mua được mận ngon.")
    rude = make_comment(article, name="Kẻ xấu", body="Lời lẽ khó nghe.")
    story = live_server.url + article.get_absolute_url()

    page.goto(story)
    comments = page.locator(".comment-list > .comment")
    expect(comments.first).to_contain_text("Lời lẽ khó nghe.")  # newest first

    button = page.locator(f"#binh-luan-{older.pk} .comment-like button")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button.locator(".comment-like-count")).to_have_text("1")
    button.click()
    expect(page.locator(f"#binh-luan-{older.pk} .comment-reaction-note")).to_have_text(
        "Bạn đã thích bình luận này rồi."
    )
    assert Comment.objects.get(pk=older.pk).like_count == 1

    # The liked state survives a reload of the (shared) page: it comes per visitor.
    page.reload()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button.locator(".comment-like-count")).to_have_text("1")

    page.get_by_role("link", name="Được thích nhiều nhất").click()
    expect(comments.first).to_contain_text("Chợ đông vui.")
    expect(page.locator(".comment-sort [aria-current]")).to_have_text("Được thích nhiều nhất")
    page.get_by_role("link", name="Mới nhất").click()
    expect(comments.first).to_contain_text("Lời lẽ khó nghe.")

    page.locator(f"#binh-luan-{rude.pk}").get_by_role("link", name="Báo vi phạm").click()
    page.get_by_label("Xúc phạm, thô tục").check()
    page.get_by_role("button", name="Gửi báo vi phạm").click()
    expect(page.get_by_role("status")).to_contain_text("Cảm ơn bạn đã báo vi phạm")
    expect(page.locator("#binh-luan")).not_to_contain_text("Lời lẽ khó nghe.")
    expect(page.locator(f"#binh-luan-{newer.pk}")).to_be_visible()
    assert CommentReport.objects.get().reason == "offensive"
    assert Comment.objects.get(pk=rude.pk).status == Comment.Status.PENDING


def test_moderator_clears_fifty_pending_comments_with_the_keyboard(live_server, page):
    moderator(password="mat-khau-kiem-duyet")
    article = make_article("Mùa mận Tam Đường")
    now = timezone.now()
    for n in range(50):
        make_comment(
            article,
            status="pending",
            body=f"Ý kiến chờ duyệt số {n}.",
            created_at=now - timedelta(minutes=n),
        )
    log_in(page, live_server, "kiemduyet", "mat-khau-kiem-duyet")
    waiting = page.locator("#so-lieu-comments-waiting")
    expect(waiting.locator(".badge")).to_have_text("50")
    waiting.get_by_role("link", name="Bình luận chờ duyệt").click()
    page.wait_for_url("**/kiem-duyet/")
    page.wait_for_load_state()

    page.keyboard.press("?")
    expect(page.locator("#queue-help")).to_be_visible()
    expect(page.locator("#queue-help")).to_contain_text("Đánh dấu spam")
    page.keyboard.press("?")
    expect(page.locator("#queue-help")).to_be_hidden()
    page.keyboard.press("?")
    page.keyboard.press("Escape")
    expect(page.locator("#queue-help")).to_be_hidden()

    # Each key handles the current row and moves on to the next one waiting: no "j" needed.
    rows = page.locator(".queue-row")
    expect(rows).to_have_count(50)
    page.keyboard.press("j")
    for n in range(50):
        expect(rows.nth(n)).to_have_class("queue-row is-current")
        page.keyboard.press("a")
        expect(rows.nth(n)).to_have_attribute("data-state", "approved")
    expect(page.locator(".queue-pending-count")).to_have_text("0")
    assert Comment.objects.pending().count() == 0
    assert Comment.objects.approved().count() == 50
    article.refresh_from_db()
    assert article.comment_count == 50

    page.reload()
    expect(page.locator(".queue-empty")).to_have_text("Không còn bình luận nào chờ duyệt.")


def test_a_phone_is_not_told_to_press_a_key(live_server, page):
    moderator(password="mat-khau-kiem-duyet")
    make_comment(make_article("Mùa mận Tam Đường"), status="pending", body="Ý kiến chờ duyệt.")
    log_in(page, live_server, "kiemduyet", "mat-khau-kiem-duyet")
    page.goto(live_server.url + "/admin/comments/comment/kiem-duyet/")
    expect(page.locator(".queue-keys-hint")).to_be_visible()

    page.set_viewport_size({"width": 390, "height": 844})

    expect(page.locator(".queue-keys-hint")).to_be_hidden()
    expect(page.locator(".queue-summary")).to_contain_text("1 bình luận đang chờ duyệt")
