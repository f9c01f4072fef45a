"""The story form's related stories are put in order by moving rows, not by typing numbers."""

import pytest
from playwright.sync_api import expect

from articles.models import RelatedArticle
from tests.articles.test_browser_desk import log_in
from tests.desk_users import editor
from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLES = ["Lũ quét ở Mường Lay", "Mùa lúa ở Mù Cang Chải", "Đường lên Sìn Hồ"]


def order(story) -> list[str]:
    links = RelatedArticle.objects.filter(from_article=story).order_by("position", "pk")
    return [link.to_article.title for link in links]


def test_related_stories_move_with_buttons_and_by_dragging(live_server, page):
    base = live_server.url
    editor("bientap")
    story = make_article("Tây Bắc mùa mưa")
    for position, title in enumerate(TITLES, start=1):
        RelatedArticle.objects.create(
            from_article=story, to_article=make_article(title), position=position
        )
    log_in(page, base, "bientap")
    page.goto(f"{base}/admin/articles/article/{story.pk}/change/")
    rows = page.locator("#related_links-group tbody tr.form-row:not(.empty-form)")
    expect(rows).to_have_count(3)

    # Keyboard and pointer alike: "Chuyển xuống" on the first row.
    rows.nth(0).get_by_role("button", name="Chuyển xuống").click()
    expect(rows.nth(0)).to_contain_text("Mùa lúa ở Mù Cang Chải")
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu và tiếp tục chỉnh sửa").click()
    assert order(story) == [TITLES[1], TITLES[0], TITLES[2]]

    # Dragging the last row onto the first puts it first.
    rows.nth(2).locator(".related-handle").drag_to(rows.nth(0))
    expect(rows.nth(0)).to_contain_text("Đường lên Sìn Hồ")
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu và tiếp tục chỉnh sửa").click()
    assert order(story) == [TITLES[2], TITLES[1], TITLES[0]]

    # A row added joins at the end, numbered after the others.
    page.get_by_role("button", name="Thêm Bài liên quan").click()
    expect(rows).to_have_count(4)
    expect(rows.nth(3).locator("input[name$='-position']")).to_have_value("4")
