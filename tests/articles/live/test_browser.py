"""In Chromium: entries appear without reload, the tab hidden polls slower, no JS still works,
and a reporter files from a 390 px phone."""

import re

import pytest
from playwright.sync_api import expect

from articles.live import entries
from articles.models import LiveEntry
from tests.articles.live.helpers import live_story, post
from tests.desk_users import editor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture
def fast(settings):
    settings.LIVE_POLL_SECONDS = 1
    settings.LIVE_HIDDEN_POLL_SECONDS = 30


def reader(browser, **options):
    context = browser.new_context(locale="vi-VN", **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def test_new_entries_wait_behind_a_button_in_a_second_window_without_reload(
    live_server, browser, fast
):
    desk = editor()
    story = live_story()
    post(story, desk, "Khai mạc kỳ họp.")
    url = live_server.url + story.get_absolute_url()
    context, page = reader(browser)
    try:
        page.goto(url)
        page.evaluate("window.notReloaded = true")
        expect(page.locator(".live-entry")).to_have_count(1)
        post(story, desk, "Đại biểu chất vấn giám đốc Sở.")
        post(story, desk, "Nghỉ giải lao.")
        button = page.get_by_role("button", name="2 cập nhật mới")
        expect(button).to_be_visible()
        expect(page.locator(".live-entry")).to_have_count(1)  # no jump: they wait
        button.click()
        expect(page.locator(".live-entry")).to_have_count(3)
        expect(page.locator(".live-entry").first).to_contain_text("Nghỉ giải lao.")
        expect(button).to_be_hidden()
        # An edit and a withdrawal change the page in place.
        first = LiveEntry.objects.get(body="<p>Khai mạc kỳ họp.</p>")
        entries.edit(first, by=desk, body="Khai mạc kỳ họp thứ 20.")
        expect(page.locator(f"#cap-nhat-{first.pk}")).to_contain_text("kỳ họp thứ 20")
        entries.withdraw(first, by=desk)
        expect(page.locator(".live-entry")).to_have_count(2)
        # Once ended, the badge says so and polling stops.
        entries.end(story, by=desk)
        expect(page.locator("[data-live-badge]")).to_have_text("Đã kết thúc")
        expect(page.locator("#truc-tiep")).not_to_have_attribute("data-live-delay", "1000")
        assert page.evaluate("window.notReloaded") is True
    finally:
        context.close()


def test_hidden_tab_polls_slower_and_catches_up_when_shown(live_server, browser, fast):
    story = live_story()
    post(story, editor(), "Bắt đầu.")
    context, page = reader(browser)
    try:
        page.goto(live_server.url + story.get_absolute_url())
        live = page.locator("#truc-tiep")
        expect(live).to_have_attribute("data-live-delay", "1000")
        expect(live).to_have_attribute("data-live-polls", re.compile(r"^[1-9]"))
        page.evaluate(
            """() => {
              Object.defineProperty(document, "hidden", {configurable: true, get: () => true});
              document.dispatchEvent(new Event("visibilitychange"));
            }"""
        )
        expect(live).to_have_attribute("data-live-delay", "30000")
        polls = live.get_attribute("data-live-polls")
        page.evaluate(
            """() => {
              Object.defineProperty(document, "hidden", {configurable: true, get: () => false});
              document.dispatchEvent(new Event("visibilitychange"));
            }"""
        )
        expect(live).not_to_have_attribute("data-live-polls", polls)  # at once, not in 30 s
        expect(live).to_have_attribute("data-live-delay", "1000")
    finally:
        context.close()


def test_without_javascript_a_reload_shows_the_new_entries(live_server, browser, fast):
    desk = editor()
    story = live_story()
    post(story, desk, "Bản tin đầu.")
    context, page = reader(browser, java_script_enabled=False)
    try:
        page.goto(live_server.url + story.get_absolute_url())
        expect(page.locator(".live-entry")).to_have_count(1)
        post(story, desk, "Bản tin sau.")
        page.reload()
        expect(page.locator(".live-entry")).to_have_count(2)
        expect(page.locator(".live-entry").first).to_contain_text("Bản tin sau.")
    finally:
        context.close()


def test_reporter_files_an_entry_from_a_390_px_phone(live_server, browser):
    desk = editor()
    story = live_story()
    post(story, desk, "Bản tin có một đường dẫn rất dài https://example.com/" + "a" * 120)
    context, page = reader(browser, viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", desk.username)
        page.fill("#id_password", PASSWORD)
        page.locator("input[type=submit]").click()
        page.wait_for_url(f"{live_server.url}/admin/")
        page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
        page.get_by_role("link", name="Tường thuật trực tiếp").click()
        page.get_by_label("Cập nhật mới").fill("Mưa lớn, nước sông Nậm Na dâng cao.")
        page.get_by_role("button", name="Đăng", exact=True).click()
        expect(page.get_by_text("Đã đăng cập nhật.")).to_be_visible()
        expect(page.locator(".live-desk-entry").first).to_contain_text("sông Nậm Na")
        assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth"), page.evaluate(
            "[document.scrollingElement.scrollWidth, innerWidth]"
        )
    finally:
        context.close()
