"""A photo story in Chromium: ←/→ move between its pictures; without JavaScript, a plain list."""

import pytest
from playwright.sync_api import expect

from articles.models import Article

from .builders import make_kind_story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_arrow_keys_and_buttons_move_between_the_pictures(live_server, page):
    story = make_kind_story(Article.Kind.PHOTO, title="Mùa lúa chín")
    violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m))
    page.goto(live_server.url + story.get_absolute_url())
    items = page.locator(".gallery-item")
    status = page.locator(".gallery-status")
    expect(status).to_have_text("Ảnh 1/3")
    expect(items.nth(0)).to_be_visible()
    expect(items.nth(1)).to_be_hidden()

    page.locator(".gallery-list").focus()
    page.keyboard.press("ArrowRight")
    expect(status).to_have_text("Ảnh 2/3")
    expect(items.nth(1)).to_be_visible()
    expect(items.nth(0)).to_be_hidden()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # past the last picture: stays on it
    expect(status).to_have_text("Ảnh 3/3")
    expect(page.get_by_role("button", name="Ảnh sau ›")).to_be_disabled()
    page.keyboard.press("ArrowLeft")
    expect(status).to_have_text("Ảnh 2/3")
    page.get_by_role("button", name="‹ Ảnh trước").click()
    expect(status).to_have_text("Ảnh 1/3")
    expect(page.locator(".gallery-place").first).to_have_text("1/3")
    assert violations == []


def test_a_swipe_turns_the_picture(live_server, browser):
    story = make_kind_story(Article.Kind.PHOTO)
    context = browser.new_context(has_touch=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(live_server.url + story.get_absolute_url())
        expect(page.locator(".gallery-status")).to_have_text("Ảnh 1/3")
        page.locator(".gallery-list").evaluate(
            """list => {
              const touch = x => new Touch({identifier: 1, target: list, clientX: x, clientY: 300});
              list.dispatchEvent(new TouchEvent("touchstart", {touches: [touch(300)]}));
              list.dispatchEvent(new TouchEvent("touchend", {changedTouches: [touch(120)]}));
            }"""
        )
        expect(page.locator(".gallery-status")).to_have_text("Ảnh 2/3")
    finally:
        context.close()


def test_without_javascript_every_picture_shows_one_after_another(live_server, browser):
    story = make_kind_story(Article.Kind.PHOTO)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + story.get_absolute_url())
        items = page.locator(".gallery-item")
        expect(items).to_have_count(3)
        for n in range(3):
            expect(items.nth(n)).to_be_visible()
        boxes = [items.nth(n).bounding_box() for n in range(3)]
        assert boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"]  # a list, one under the other
        expect(page.locator(".gallery-controls")).to_have_count(0)
    finally:
        context.close()
