"""The desk in Chromium: a journalist writes and submits, an editor publishes, readers see it."""

from io import BytesIO

import pytest
from PIL import Image as PILImage
from playwright.sync_api import expect

from articles.models import Article, Image
from tests.desk_users import editor, journalist
from tests.factories import make_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu-nghiem"


def log_in(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url(f"{base}/admin/")


def photo(tmp_path):
    path = tmp_path / "mot-cua.jpg"
    buffer = BytesIO()
    PILImage.new("RGB", (1400, 900), (120, 150, 170)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def upload_in_picker(page, tmp_path, *, alt: str, caption: str):
    """The editor's picture button, then upload a photo in the picker and choose it.

    Returns the editor's picture dialog, filled in by the picker and still open.
    """
    page.locator('button.prose-menubar__button[title="Chèn ảnh"]').click()
    dialog = page.locator("dialog[open]")
    with page.expect_popup() as popup_info:
        dialog.get_by_role("button", name="Chọn hoặc tải ảnh lên...").click()
    picker = popup_info.value
    picker.set_input_files("#id_file", str(photo(tmp_path)))
    picker.fill("#id_alt_text", alt)
    picker.fill("#id_caption", caption)
    with picker.expect_event("close"):
        picker.get_by_role("button", name="Tải lên và chèn vào bài").click()
    return dialog


def test_journalist_writes_with_picture_editor_publishes_reader_sees_srcset(
    live_server, page, tmp_path
):
    base = live_server.url
    journalist("phongvien")
    editor("bientap")
    make_section("Học tập, làm theo Bác")

    log_in(page, base, "phongvien")
    page.goto(f"{base}/admin/articles/article/add/")
    page.fill("#id_title", "Làm theo Bác ở Đảng bộ Sở Nội vụ")
    page.locator(".field-section .select2-selection").click()
    page.locator(".select2-search__field").fill("Học tập")
    page.locator(".select2-results__option", has_text="Học tập, làm theo Bác").click()
    page.fill("#id_lead", "Nhờ kết hợp chặt chẽ việc học tập và làm theo Bác.")
    assert "/400 ký tự" in page.locator("#lead-counter").inner_text()

    body = page.locator(".ProseMirror[contenteditable=true]")
    body.click()
    page.keyboard.type("Trao đổi với chúng tôi, đồng chí Giám đốc cho biết.")
    assert "11 từ" in page.locator("#body-counter").inner_text()
    page.keyboard.press("Enter")
    dialog = upload_in_picker(
        page,
        tmp_path,
        alt="Công chức một cửa hướng dẫn người dân",
        caption="Công chức bộ phận một cửa Sở Nội vụ hướng dẫn Nhân dân.",
    )
    assert dialog.locator("input[name=imageUrl]").input_value().startswith("/media/images/")
    dialog.locator("button[type=submit]").click()
    assert page.locator(".ProseMirror[contenteditable=true] figure img").count() == 1
    page.fill("#id_byline", "T. Hùng")
    page.get_by_role("button", name="Lưu và gửi duyệt").click()
    page.wait_for_selector(".messagelist .success")
    article = Article.objects.get()
    assert article.status == Article.Status.PENDING
    picture = Image.objects.get()
    assert f'data-file="{picture.pk}"' in article.body
    assert 'width="1400" height="900"' in article.body
    assert "<figcaption" in article.body

    log_in(page, base, "bientap")
    page.get_by_role("link", name="Bài chờ duyệt").click()
    page.get_by_role("link", name="Làm theo Bác ở Đảng bộ Sở Nội vụ").click()
    page.get_by_role("button", name="Lưu và xuất bản (hoặc hẹn giờ)").click()
    page.wait_for_selector(".messagelist .success")
    assert Article.objects.published().filter(pk=article.pk).exists()

    page.context.clear_cookies()
    page.goto(base + Article.objects.get().get_absolute_url())
    figure = page.locator(".story-body figure")
    assert figure.locator("figcaption").inner_text() == (
        "Công chức bộ phận một cửa Sở Nội vụ hướng dẫn Nhân dân."
    )
    img = figure.locator("img")
    assert "800w" in img.get_attribute("srcset")
    assert img.get_attribute("sizes")
    assert (img.get_attribute("width"), img.get_attribute("height")) == ("1400", "900")
    assert img.get_attribute("loading") == "lazy"
    assert img.get_attribute("alt") == "Công chức một cửa hướng dẫn người dân"


def test_save_and_unpublish_asks_first_and_the_journalist_is_told(live_server, page):
    from newsroom.models import Notice
    from tests.factories import make_article

    base = live_server.url
    author = journalist("phongvien")
    editor("bientap")
    story = make_article("Mùa nước nổi ở An Giang", author=author)
    log_in(page, base, "bientap")
    page.goto(f"{base}/admin/articles/article/{story.pk}/change/")
    asked, accept = [], []

    def answer(dialog):
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.on("dialog", answer)
    # Enter in a field saves (the form's first button): it takes nothing down.
    page.fill("#id_title", "Mùa nước nổi ở An Giang năm nay")
    page.locator("#id_title").press("Enter")
    page.wait_for_url(f"{base}/admin/articles/article/")
    assert asked == []
    story.refresh_from_db()
    assert (story.title, story.status) == ("Mùa nước nổi ở An Giang năm nay", "published")

    page.goto(f"{base}/admin/articles/article/{story.pk}/change/")
    page.get_by_role("button", name="Lưu và gỡ bài").click()
    page.wait_for_timeout(300)
    assert asked == [
        "Gỡ bài “Mùa nước nổi ở An Giang năm nay” khỏi trang? Bạn đọc sẽ không xem được bài "
        "nữa và phóng viên sẽ được báo."
    ]
    assert Article.objects.get(pk=story.pk).status == Article.Status.PUBLISHED

    accept.append(True)
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu và gỡ bài").click()
    assert len(asked) == 2
    expect(page.locator(".messagelist")).to_contain_text("Đã gỡ bài")
    assert Article.objects.get(pk=story.pk).status == Article.Status.UNPUBLISHED
    assert "đã bị gỡ khỏi trang" in Notice.objects.get(user=author).message


def test_taking_stories_down_from_the_list_asks_first(live_server, page):
    from tests.factories import make_article

    base = live_server.url
    editor("bientap")
    stories = [make_article("Lũ quét ở Mường Lay"), make_article("Mùa lúa ở Mù Cang Chải")]
    log_in(page, base, "bientap")
    page.goto(f"{base}/admin/articles/article/")
    asked, accept = [], []

    def answer(dialog):
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.on("dialog", answer)
    page.locator("input.action-select").first.check()
    page.locator("input.action-select").nth(1).check()
    page.select_option("select[name=action]", "unpublish_articles")
    page.get_by_role("button", name="Thực hiện").click()
    page.wait_for_timeout(300)
    assert asked == ["Gỡ 2 bài đã chọn khỏi trang? Bạn đọc sẽ không xem được các bài này nữa."]
    assert all(s.status == Article.Status.PUBLISHED for s in Article.objects.all())

    accept.append(True)
    with page.expect_navigation():
        page.get_by_role("button", name="Thực hiện").click()
    expect(page.locator(".messagelist")).to_contain_text("Đã gỡ 2 bài.")
    assert {s.status for s in Article.objects.filter(pk__in=[s.pk for s in stories])} == {
        Article.Status.UNPUBLISHED
    }
