"""The story form's calendar in Chromium: weekdays read T2 ... CN, not dates (issue 14)."""

import pytest

from tests.articles.test_browser_desk import log_in
from tests.desk_users import editor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_calendar_on_the_story_form_heads_its_weeks_t2_to_cn(live_server, page):
    editor("bientap")
    log_in(page, live_server.url, "bientap")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.locator("#calendarlink0").click()
    calendar = page.locator("#calendarbox0")
    calendar.wait_for()
    weekdays = calendar.locator("table th").all_inner_texts()
    assert weekdays == ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]
    shortcuts = calendar.inner_text()
    assert "Hôm nay" in shortcuts and "Thôi" in shortcuts and "Today" not in shortcuts
    page.keyboard.press("Escape")

    page.locator("#clocklink0").click()
    clock = page.locator("#clockbox0")
    clock.wait_for()
    assert clock.inner_text().split("\n")[:2] == ["Chọn giờ", "Bây giờ"]
