"""The admin's JavaScript in Chromium: calendar weekdays T2 ... CN (issue 14), no English drawn."""

import pytest

from tests.articles.test_browser_desk import log_in
from tests.desk_users import editor
from tests.factories import make_article, make_user
from tests.newsroom.admin_crawl import english_in

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


@pytest.mark.parametrize(
    ("username", "path"),
    [
        ("bientap", "/admin/articles/article/add/"),
        ("bientap", "/admin/articles/article/"),
        ("quantri", "/admin/auth/group/add/"),
    ],
)
def test_what_the_admin_javascript_draws_reads_vietnamese(live_server, page, username, path):
    """The editor's menus, the date and time shortcuts, the two-box permission picker."""
    editor("bientap")
    make_user("quantri", is_superuser=True)
    make_article("Bài đã đăng")
    log_in(page, live_server.url, username)
    page.goto(f"{live_server.url}{path}")
    page.wait_for_load_state("networkidle")
    assert not english_in(page.content())
