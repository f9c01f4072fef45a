"""Embeds in Chromium: nothing asked of the provider before "Xem", its frame after, no CSP
violation either way; and the editor's embed button."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.articles.test_browser_desk import log_in
from tests.desk_users import editor
from tests.factories import make_article
from tests.newsroom.test_csp import assert_no_violation, watched

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
FRAME = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
PROVIDER_HOSTS = ("youtube-nocookie.com", "youtube.com", "ytimg.com", "googlevideo.com")
BODY = ".ProseMirror[contenteditable=true]"


def requests_of(page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def off_site(urls: list[str], base: str) -> list[str]:
    ours = urlsplit(base).netloc
    return [url for url in urls if urlsplit(url).netloc not in (ours, "")]


def test_no_request_to_the_provider_before_xem_and_its_frame_after(live_server, page):
    story = make_article("Lễ hội Then", body=f"<p>Mở đầu.</p><p>{VIDEO}</p><p>Kết.</p>")
    errors = watched(page)
    seen = requests_of(page)
    # The machine has no internet: the provider's answer is ours, the request is what counts.
    player = {"content_type": "text/html; charset=utf-8", "body": "<p>Trình phát</p>"}
    page.route("https://www.youtube-nocookie.com/**", lambda route: route.fulfill(**player))

    page.goto(live_server.url + story.get_absolute_url())
    button = page.get_by_role("button", name="Xem video YouTube")
    expect(button).to_be_visible()
    expect(page.locator("figure.embed")).to_contain_text("YouTube")
    assert_no_violation(page, errors)
    assert off_site(seen, live_server.url) == []
    assert page.locator("iframe").count() == 0

    with page.expect_request(lambda request: request.url == FRAME):
        button.click()
    frame = page.locator("figure.embed iframe")
    expect(frame).to_have_attribute("src", FRAME)
    expect(frame).to_have_attribute("title", "Video YouTube")
    expect(frame).to_have_attribute("referrerpolicy", "strict-origin-when-cross-origin")
    expect(frame).to_have_attribute("loading", "lazy")
    sandbox = frame.get_attribute("sandbox").split()
    assert "allow-scripts" in sandbox and "allow-top-navigation" not in sandbox
    assert "allow-forms" not in sandbox
    expect(page.frame_locator("figure.embed iframe").locator("p")).to_have_text("Trình phát")
    assert_no_violation(page, errors)
    assert {urlsplit(url).netloc for url in off_site(seen, live_server.url)} == {
        "www.youtube-nocookie.com"
    }
    # The link to the original stays under the frame.
    expect(page.locator("figure.embed figcaption a")).to_have_attribute("href", VIDEO)


def test_without_javascript_the_reader_keeps_a_link_and_no_dead_button(live_server, browser):
    story = make_article("Không có JavaScript", body=f"<p>{VIDEO}</p>")
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    try:
        page = context.new_page()
        seen = requests_of(page)
        page.goto(live_server.url + story.get_absolute_url())
        expect(page.get_by_role("link", name="Xem trên YouTube")).to_have_attribute("href", VIDEO)
        expect(page.locator(".embed-load")).to_be_hidden()
        page.wait_for_load_state("networkidle")
        assert off_site(seen, live_server.url) == []
    finally:
        context.close()


def test_the_editors_embed_button_refuses_other_sites_and_inserts_a_lone_url(live_server, page):
    editor("bientap")
    story = make_article(body="<p>Đoạn mở đầu.</p>", status=Article.Status.DRAFT)
    log_in(page, live_server.url, "bientap")
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    page.wait_for_selector(BODY)
    page.locator(BODY).locator("p").first.click()

    page.locator('button.prose-menubar__button[title="Nhúng video, bài mạng xã hội"]').click()
    dialog = page.locator("dialog[open]")
    field = dialog.locator("input[name=url]")
    field.fill("https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ")
    dialog.locator("button[type=submit]").click()
    # Refused in the dialog itself, in Vietnamese; nothing inserted.
    expect(dialog).to_be_visible()
    message = field.evaluate("input => input.validationMessage")
    assert message.startswith("Không nhúng được địa chỉ này.") and "YouTube" in message

    field.fill(VIDEO)
    dialog.locator("button[type=submit]").click()
    expect(page.locator("dialog[open]")).to_have_count(0)
    expect(page.locator(BODY).locator("p", has_text=VIDEO)).to_have_count(1)
    page.locator("input[name=_continue]").click()
    page.wait_for_selector(".messagelist .success")

    body = Article.objects.get(pk=story.pk).body
    assert f"<p>Đoạn mở đầu.</p><p>{VIDEO.replace('&', '&amp;')}</p>" in body
    # And the reader's page (a preview: the story is a draft) shows it as an embed.
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/preview/")
    expect(page.get_by_role("button", name="Xem video YouTube")).to_be_visible()
