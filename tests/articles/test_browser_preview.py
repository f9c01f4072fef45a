"""In Chromium: "Xem trước" opens the story as typed, in a new tab, and saves nothing."""

import pytest

from articles.models import Article
from tests.articles.test_browser_desk import log_in
from tests.desk_users import editor
from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def opened_by(page, control):
    """The tab that clicking `control` opens, loaded."""
    with page.expect_popup() as popup_info:
        control.click()
    tab = popup_info.value
    tab.wait_for_load_state()
    return tab


def test_preview_button_shows_what_is_typed_in_a_new_tab(live_server, page, tmp_path):
    editor("bientap")
    story = make_article("Chợ phiên Sìn Hồ", body="<p>Thân bài đã lưu.</p>")
    log_in(page, live_server.url, "bientap")
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")

    page.fill("#id_title", "Chợ phiên Sìn Hồ đông vui")
    body = page.locator(".ProseMirror[contenteditable=true]")
    body.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("Đoạn vừa gõ, chưa lưu.")

    preview = opened_by(page, page.get_by_role("button", name="Xem trước (chưa lưu)"))
    assert preview.locator("h1.story-title").inner_text() == "Chợ phiên Sìn Hồ đông vui"
    assert "Đoạn vừa gõ, chưa lưu." in preview.locator(".story-body").inner_text()
    assert "chưa được lưu" in preview.locator(".preview-banner").inner_text()
    preview.screenshot(path=str(tmp_path / "xem-truoc.png"))

    # The link at the top previews the form too, and the form is still there, unsaved.
    top = opened_by(page, page.locator("a.desk-preview"))
    assert top.locator("h1.story-title").inner_text() == "Chợ phiên Sìn Hồ đông vui"
    assert page.input_value("#id_title") == "Chợ phiên Sìn Hồ đông vui"
    assert Article.objects.get(pk=story.pk).title == "Chợ phiên Sìn Hồ"

    # A preview is not a save: leaving the form still asks (static/admin/js/story_autosave.js).
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    with page.expect_event("dialog"):
        page.close(run_before_unload=True)
    assert asked == ["beforeunload"]


def test_preview_of_a_new_story_from_the_add_form(live_server, page):
    editor("bientap")
    log_in(page, live_server.url, "bientap")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_title", "Mường Tè được mùa lúa nương")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type("Bà con phấn khởi.")
    preview = opened_by(page, page.get_by_role("button", name="Xem trước (chưa lưu)"))
    assert preview.locator("h1.story-title").inner_text() == "Mường Tè được mùa lúa nương"
    assert "Bà con phấn khởi." in preview.locator(".story-body").inner_text()
    # No section chosen yet: the banner says what the form still lacks.
    assert "Biểu mẫu còn lỗi" in preview.locator(".preview-banner").inner_text()
    assert not Article.objects.exists()
