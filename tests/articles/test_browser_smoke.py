import pytest
from playwright.sync_api import expect

from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_opens_story_from_home_page(live_server, page):
    make_article("Đường Điện Biên Phủ sáng đèn")
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Đường Điện Biên Phủ sáng đèn").click()
    assert page.locator("h1").inner_text() == "Đường Điện Biên Phủ sáng đèn"
    assert "/bai-viet/duong-dien-bien-phu-sang-den-" in page.url


def test_list_items_written_as_paragraphs_read_as_a_list(live_server, page):
    story = make_article(
        "Ba việc cần làm khi lũ về",
        body="<p>Người dân cần:</p><ul><li><p>Sơ tán người già.</p></li>"
        "<li><p>Kê cao lương thực.</p></li><li><p>Nghe loa xã.</p></li></ul><p>Đoạn sau.</p>",
    )
    page.goto(live_server.url + story.get_absolute_url())
    items = page.locator(".story-body li")
    first, second = items.nth(0).bounding_box(), items.nth(1).bounding_box()
    line = page.locator(".story-body li p").first.evaluate(
        "p => parseFloat(getComputedStyle(p).lineHeight)"
    )
    gap = second["y"] - (first["y"] + first["height"])
    assert gap < 0.5 * line, (gap, line)


def test_on_a_phone_the_menu_folds_and_the_headline_comes_first(live_server, page):
    story = make_article("Lũ quét ở Mường Tè")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + story.get_absolute_url())
    toggle = page.get_by_role("button", name="Chuyên mục")
    expect(toggle).to_be_visible()
    expect(page.locator(".site-nav")).to_be_hidden()
    header = page.locator(".site-header").bounding_box()
    assert header["y"] + header["height"] <= 0.25 * 844, header
    expect(page.get_by_label("Tìm kiếm")).to_be_visible()  # the box keeps its name

    toggle.click()
    expect(page.locator(".site-nav")).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(page.locator(".site-nav")).to_be_hidden()

    page.set_viewport_size({"width": 1280, "height": 900})
    expect(toggle).to_be_hidden()
    expect(page.locator(".site-nav")).to_be_visible()
