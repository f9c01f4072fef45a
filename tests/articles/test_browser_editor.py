"""The body editor in Chromium: what a journalist types after a picture lands after it."""

import re

import pytest

from articles.models import Article
from tests.articles.test_browser_desk import PASSWORD, log_in, upload_in_picker
from tests.desk_users import editor
from tests.factories import make_article, make_image

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = ".ProseMirror[contenteditable=true]"


def caption_text(body_html: str) -> str:
    return re.search(r"<figcaption[^>]*>(.*?)</figcaption>", body_html, re.S).group(1)


def after_figure(body_html: str) -> str:
    return body_html.split("</figure>", 1)[1]


def open_story(page, base, article):
    log_in(page, base, "bientap")
    page.goto(f"{base}/admin/articles/article/{article.pk}/change/")
    page.wait_for_selector(BODY)
    # Clicks aim at laid-out pictures: wait until they have loaded and stopped moving text.
    page.wait_for_function(
        "() => [...document.querySelectorAll('.ProseMirror img')].every(i => i.complete)"
    )


def settle(page):
    """Let the editor catch up with the caret the browser just moved.

    The browser queues selectionchange; and on its first focus ProseMirror sets a 20 ms timer
    that puts the caret back where its own state says. A 50 ms timer set after that one fires
    after it (timers run in the order they fall due), so a key pressed after settle() meets an
    editor that has read the caret and will not move it again.
    """
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)))")


def save(page):
    page.locator("input[name=_continue]").click()
    page.wait_for_selector(".messagelist .success")


def test_typing_after_inserting_a_picture_goes_after_the_figure(live_server, page, tmp_path):
    assert PASSWORD
    editor("bientap")
    article = make_article(body="<p>Đoạn mở đầu.</p>", status=Article.Status.DRAFT)
    open_story(page, live_server.url, article)

    page.locator(BODY).locator("p").first.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Rồi xuống dòng.")
    page.keyboard.press("Enter")
    dialog = upload_in_picker(
        page, tmp_path, alt="Ruộng bậc thang", caption="Ruộng bậc thang mùa nước đổ."
    )
    dialog.locator("button[type=submit]").click()
    assert page.locator(f"{BODY} figure img").count() == 1

    # No click, no arrow key: the journalist just keeps typing.
    page.keyboard.type("Đoạn viết tiếp sau ảnh.")
    save(page)

    body = Article.objects.get(pk=article.pk).body
    assert caption_text(body) == "Ruộng bậc thang mùa nước đổ."
    assert body.startswith("<p>Đoạn mở đầu. Rồi xuống dòng.</p><figure")
    assert after_figure(body).startswith("<p>Đoạn viết tiếp sau ảnh.</p>")


def test_enter_at_the_end_of_a_caption_starts_a_paragraph_after_the_figure(live_server, page):
    editor("bientap")
    image = make_image()
    article = make_article(
        body=(
            f'<p>Trước ảnh.</p><figure><img src="{image.file.url}" alt="Ảnh">'
            "<figcaption>Chú thích ảnh</figcaption></figure><p>Đoạn cuối.</p>"
        ),
        status=Article.Status.DRAFT,
    )
    open_story(page, live_server.url, article)

    # On the caption's words, then to the end of the caption.
    page.locator(f"{BODY} figcaption").click(position={"x": 12, "y": 12})
    settle(page)
    page.keyboard.press("End")
    settle(page)
    page.keyboard.press("Enter")
    page.keyboard.type("Đoạn mới giữa ảnh và đoạn cuối.")
    save(page)

    body = Article.objects.get(pk=article.pk).body
    assert caption_text(body) == "Chú thích ảnh"
    assert after_figure(body).startswith("<p>Đoạn mới giữa ảnh và đoạn cuối.</p><p>Đoạn cuối.</p>")


def test_a_click_below_the_last_picture_lands_in_a_paragraph(live_server, page):
    editor("bientap")
    image = make_image()
    article = make_article(
        body=(
            f'<p>Trước ảnh.</p><figure><img src="{image.file.url}" alt="Ảnh">'
            "<figcaption>Chú thích ảnh</figcaption></figure>"
        ),
        status=Article.Status.DRAFT,
    )
    open_story(page, live_server.url, article)

    # The story ends with a picture: the editor keeps an empty paragraph below it.
    last = page.locator(f"{BODY} > *").last
    assert last.evaluate("node => node.tagName") == "P"
    last.scroll_into_view_if_needed()
    below = last.bounding_box()
    page.mouse.click(below["x"] + 40, below["y"] + below["height"] / 2)
    page.keyboard.type("Đoạn dưới ảnh cuối.")
    save(page)

    body = Article.objects.get(pk=article.pk).body
    assert caption_text(body) == "Chú thích ảnh"
    assert "<p>Đoạn dưới ảnh cuối.</p>" in after_figure(body)


ENGLISH_LABELS = {
    "paragraph",
    "Paragraph",
    "Heading 2",
    "heading 2",
    "unordered list",
    "ordered list",
    "blockquote",
    "figure",
    "bold",
    "italic",
    "insert link",
    "undo",
    "redo",
}


def menu_labels(page):
    return page.locator(".prose-editor").first.evaluate(
        # Titles and screen-reader labels of the buttons (their text is an icon's name) and
        # the words of the block-type list.
        """wrapper => [
            ...[...wrapper.querySelectorAll('.prose-menubar [title]')]
                .flatMap(e => [e.getAttribute('title'), e.getAttribute('aria-label')]),
            ...[...wrapper.querySelectorAll('.prose-menubar__option')].map(e => e.textContent),
        ].filter(Boolean)"""
    )


def test_the_writing_surface_is_tall_vietnamese_and_counts_as_you_type(live_server, page):
    editor("bientap")
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server.url, "bientap")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    body = page.locator(BODY)
    body.wait_for()

    # The browser checks the spelling as the journalist types (prose-editor turns it off).
    assert body.get_attribute("spellcheck") != "false"
    assert page.locator("html").get_attribute("lang") == "vi"

    # At least 60% of the window high before a word is typed.
    empty_height = body.bounding_box()["height"]
    assert empty_height >= 0.6 * 900
    # A headline of 80 characters and a lead read whole, as wide as the body below them.
    for field in ("#id_title", "#id_lead"):
        assert page.locator(field).bounding_box()["width"] >= 0.9 * body.bounding_box()["width"]

    # Every label of the menus is Vietnamese, also after the cursor moves into a heading
    # (the menu then shows a fresh copy of the heading button).
    labels = menu_labels(page)
    assert "Tiêu đề cấp 2" in labels and "Chèn ảnh" in labels and "Trích dẫn" in labels
    assert not ENGLISH_LABELS & set(labels), ENGLISH_LABELS & set(labels)
    body.click()
    page.keyboard.type("Tiêu đề nhỏ")
    page.locator(".prose-menubar__selected").click()
    page.locator('.prose-menubar__option[data-name="heading2"]').click()
    assert page.locator(f"{BODY} h2").count() == 1
    assert not ENGLISH_LABELS & set(menu_labels(page))
    assert page.locator(".prose-menubar__selected [title]").get_attribute("title") == (
        "Tiêu đề cấp 2"
    )

    # Word count and reading time follow the typing.
    counter = page.locator("#body-counter")
    assert counter.inner_text() == "Nội dung: 3 từ, khoảng 1 phút đọc"
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    sentence = "Mùa lúa chín trên những thửa ruộng bậc thang ở Lai Châu. "
    for _ in range(20):
        page.keyboard.insert_text(sentence * 2)
        page.keyboard.press("Enter")
    words = 3 + 20 * 2 * 12
    assert counter.inner_text() == f"Nội dung: {words} từ, khoảng 3 phút đọc"

    # The editor grows with the text instead of scrolling inside itself.
    grown = body.bounding_box()["height"]
    assert grown > empty_height
    assert body.evaluate("e => e.scrollHeight <= e.clientHeight + 1")


def test_no_empty_box_in_the_toolbar_and_no_bullet_in_the_picture_picker(live_server, page):
    editor("bientap")
    make_image()
    log_in(page, live_server.url, "bientap")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.wait_for_selector(BODY)
    # The block-type menu's arrow is drawn, not a character the fonts may lack.
    arrow = page.locator(".prose-menubar__selected").evaluate(
        """e => { const s = getComputedStyle(e, '::after');
                  return [s.content, s.borderTopWidth, s.borderTopStyle]; }"""
    )
    assert arrow == ['""', "5px", "solid"]

    page.goto(f"{live_server.url}/admin/articles/image/picker/?CKEditorFuncNum=1")
    items = page.locator(".picker-grid li")
    assert items.count() == 1
    assert items.first.evaluate("e => getComputedStyle(e).listStyleType") == "none"
