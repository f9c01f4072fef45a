"""The story form in Chromium: the boxes shown follow the kind chosen."""

import pytest
from playwright.sync_api import expect

from tests.articles.test_browser_desk import log_in
from tests.desk_users import editor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_choosing_a_kind_shows_the_boxes_it_uses(live_server, page):
    editor()
    log_in(page, live_server.url, "bientap")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    video, audio = page.locator(".form-row.field-video"), page.locator(".form-row.field-audio")
    gallery = page.locator("#gallery-group")
    expect(video).to_be_hidden()
    expect(gallery).to_be_hidden()
    page.select_option("#id_kind", "video")
    expect(video).to_be_visible()
    expect(audio).to_be_hidden()
    page.select_option("#id_kind", "photo")
    expect(gallery).to_be_visible()
    expect(video).to_be_hidden()
