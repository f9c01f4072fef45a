"""The story form in Chromium: a lost tab or connection gives back what was typed, and leaving
with unsaved changes asks first (static/admin/js/story_autosave.js)."""

import re

import pytest

from articles.models import Article
from tests.articles.test_browser_desk import log_in
from tests.desk_users import journalist
from tests.factories import make_article, make_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = ".ProseMirror[contenteditable=true]"
OFFER = "#desk-autosave"
DRAFTS = "() => Object.keys(localStorage).filter(k => k.startsWith('newsroom:ban-nhap:'))"


def stored_drafts(page) -> str:
    return page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('newsroom:ban-nhap:'))"
        ".map(k => localStorage.getItem(k)).join()"
    )


def open_form(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(BODY)


def test_journalist_writes_loses_the_tab_restores_and_submits(live_server, page, settings):
    settings.DESK_AUTOSAVE_SECONDS = 1
    base = live_server.url
    journalist("phongvien")
    make_section("Xã hội")
    add_url = f"{base}/admin/articles/article/add/"

    log_in(page, base, "phongvien")
    open_form(page, add_url)
    assert page.locator(OFFER).is_hidden()  # nothing stored: nothing offered
    page.fill("#id_title", "Mường Tè được mùa")
    page.locator(".field-section .select2-selection").click()
    page.locator(".select2-search__field").fill("Xã")
    page.locator(".select2-results__option", has_text="Xã hội").click()
    page.fill("#id_lead", "Nông dân Mường Tè thu hoạch lúa mùa.")
    page.locator(BODY).click()
    page.keyboard.type("Năm nay lúa trổ đều, bà con phấn khởi.")
    page.fill("#id_byline", "T. Hùng")
    # The periodic save, before the tab goes: the draft holds the last words typed.
    page.wait_for_function(
        "() => Object.keys(localStorage).some(k => k.startsWith('newsroom:ban-nhap:')"
        " && localStorage.getItem(k).includes('T. Hùng'))"
    )
    context = page.context
    page.close()

    page = context.new_page()
    open_form(page, add_url)
    offer = page.locator(OFFER)
    assert re.fullmatch(
        r"Khôi phục bản nháp chưa lưu lúc \d\d:\d\d\?", offer.locator("p").inner_text()
    )
    offer.get_by_role("button", name="Khôi phục").click()
    assert offer.is_hidden()
    assert page.input_value("#id_title") == "Mường Tè được mùa"
    assert page.locator(".field-section .select2-selection__rendered").inner_text() == "Xã hội"
    assert page.locator(BODY).inner_text() == "Năm nay lúa trổ đều, bà con phấn khởi."
    assert "9 từ" in page.locator("#body-counter").inner_text()

    page.get_by_role("button", name="Lưu và gửi duyệt").click()
    page.wait_for_selector(".messagelist .success")
    story = Article.objects.get()
    assert story.status == Article.Status.PENDING
    assert (story.title, story.lead, story.byline) == (
        "Mường Tè được mùa",
        "Nông dân Mường Tè thu hoạch lúa mùa.",
        "T. Hùng",
    )
    assert story.section.name == "Xã hội"
    assert story.body == "<p>Năm nay lúa trổ đều, bà con phấn khởi.</p>"
    assert page.evaluate(DRAFTS) == []  # saved on the server: the browser's copy is gone

    open_form(page, add_url)
    assert page.locator(OFFER).is_hidden()


def test_a_lost_connection_keeps_the_typing_for_the_next_opening(live_server, page):
    base = live_server.url
    reporter = journalist("phongvien")
    story = make_article(
        "Bản tin sáng", status=Article.Status.DRAFT, author=reporter, body="<p>Mở đầu.</p>"
    )
    change_url = f"{base}/admin/articles/article/{story.pk}/change/"
    log_in(page, base, "phongvien")
    open_form(page, change_url)
    assert page.locator(OFFER).is_hidden()

    page.locator(BODY).locator("p").click()
    page.keyboard.press("End")
    page.keyboard.type(" Viết tiếp khi mạng chập chờn.")
    page.context.set_offline(True)  # the 30 s have not passed: going offline saves
    page.wait_for_function(
        "() => Object.keys(localStorage).some(k => k.startsWith('newsroom:ban-nhap:')"
        " && localStorage.getItem(k).includes('mạng chập chờn'))"
    )
    # Saving cannot reach the server; the writer gives up and closes the tab.
    # Once its request has failed, the form's submit handler has run (it runs before sending).
    with page.expect_event("requestfailed", lambda request: request.method == "POST"):
        page.get_by_role("button", name="Lưu và tiếp tục chỉnh sửa").click(no_wait_after=True)
    context = page.context
    page.close()
    context.set_offline(False)

    page = context.new_page()
    open_form(page, change_url)
    page.locator(OFFER).get_by_role("button", name="Khôi phục").click()
    assert page.locator(BODY).inner_text() == "Mở đầu. Viết tiếp khi mạng chập chờn."
    page.get_by_role("button", name="Lưu và tiếp tục chỉnh sửa").click()
    page.wait_for_selector(".messagelist .success")
    story.refresh_from_db()
    assert story.body == "<p>Mở đầu. Viết tiếp khi mạng chập chờn.</p>"
    assert page.evaluate(DRAFTS) == []


def test_leaving_with_unsaved_changes_asks_first(live_server, page):
    base = live_server.url
    reporter = journalist("phongvien")
    story = make_article("Bản tin chiều", status=Article.Status.DRAFT, author=reporter)
    change_url = f"{base}/admin/articles/article/{story.pk}/change/"
    log_in(page, base, "phongvien")
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", answer)
    open_form(page, change_url)
    page.locator("#site-name a").click()  # nothing changed: leaves without a question
    page.wait_for_url(f"{base}/admin/")
    assert dialogs == []

    open_form(page, change_url)
    page.locator("#id_title").click()
    page.keyboard.press("End")
    page.keyboard.type(" (cập nhật)")
    with page.expect_event("dialog"):
        page.locator("#site-name a").click()
    assert dialogs == ["beforeunload"]
    assert page.url == change_url
    assert page.input_value("#id_title") == "Bản tin chiều (cập nhật)"

    page.get_by_role("button", name="Lưu và tiếp tục chỉnh sửa").click()  # a submit: no question
    page.wait_for_selector(".messagelist .success")
    assert dialogs == ["beforeunload"]
    page.locator("#site-name a").click()  # saved: nothing left unsaved
    page.wait_for_url(f"{base}/admin/")
    assert dialogs == ["beforeunload"]
    story.refresh_from_db()
    assert story.title == "Bản tin chiều (cập nhật)"


def test_a_dismissed_or_outdated_draft_is_not_offered_again(live_server, page):
    base = live_server.url
    reporter = journalist("phongvien")
    story = make_article("Bản tin tối", status=Article.Status.DRAFT, author=reporter)
    change_url = f"{base}/admin/articles/article/{story.pk}/change/"
    key = f"newsroom:ban-nhap:{reporter.pk}:{story.pk}"
    saved_at = str(int(story.updated_at.timestamp()))
    log_in(page, base, "phongvien")

    def store(draft: dict) -> None:
        # From the index: leaving the story form would clear a draft it has no changes for.
        page.goto(f"{base}/admin/")
        page.evaluate(
            "([key, draft]) => localStorage.setItem(key, JSON.stringify(draft))", [key, draft]
        )

    # Typed on this very version of the story, and never saved.
    store({"savedAt": 0, "base": saved_at, "fields": {"title": "Bản tin tối (sửa)"}})
    open_form(page, change_url)
    page.locator(OFFER).get_by_role("button", name="Bỏ qua").click()
    assert page.locator(OFFER).is_hidden()
    assert page.input_value("#id_title") == "Bản tin tối"
    assert page.evaluate(DRAFTS) == []
    open_form(page, change_url)
    assert page.locator(OFFER).is_hidden()

    # Typed on an earlier version, before the story was saved again: the save came after it.
    store({"savedAt": 1000, "base": "1", "fields": {"title": "Bản tin tối (cũ)"}})
    open_form(page, change_url)
    assert page.locator(OFFER).is_hidden()
    assert page.evaluate(DRAFTS) == []
