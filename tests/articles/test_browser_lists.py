"""The story and comment lists in Chromium at a desktop (1280 px) and a phone (390 px) width.

At 1280 px a long headline reads on one or two lines and no column is cut off; at 390 px the
rows are cards and the page never scrolls sideways. Screenshots land in the test's tmp_path.
"""

import pytest

from tests.articles.test_browser_desk import log_in
from tests.desk_users import editor
from tests.factories import make_article, make_comment, make_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Typical headlines of the paper: about 80 characters each.
HEADLINES = [
    "Lãnh đạo tỉnh Lai Châu thăm, chúc Tết các gia đình chính sách tại huyện Sìn Hồ",
    "Nông dân Tam Đường thu hoạch chè vụ xuân, giá bán tăng so với cùng kỳ năm trước",
    "Đảng bộ Sở Nội vụ học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Mường Tè được mùa lúa nương, bà con phấn khởi chuẩn bị đón Tết cơm mới của dân tộc",
]
COMMENT = (
    "Tôi rất đồng tình với bài viết, mong chính quyền tiếp tục quan tâm đến đời sống "
    "của bà con vùng cao, nhất là đường sá và trường học cho các cháu."
)
WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture
def desk(live_server):
    editor("bientap")
    section = make_section("Học tập, làm theo Bác", parent=make_section("Chính trị"))
    stories = [make_article(HEADLINES[i % 4], section=section) for i in range(20)]
    for i in range(20):
        status = "pending" if i % 2 else "approved"
        make_comment(stories[i % 3], name=f"Nguyễn Thị Hồng Nhung {i}", body=COMMENT, status=status)
    return live_server.url


def fits_the_width(page) -> bool:
    return page.evaluate(
        "document.scrollingElement.scrollWidth <= window.innerWidth"
    ), page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")


def lines_of(page, selector: str) -> float:
    """How many lines the first cell matching `selector` takes."""
    return page.evaluate(
        """(selector) => {
            const cell = document.querySelector(selector);
            const link = cell.querySelector('a') || cell;
            const rects = Array.from(link.getClientRects());
            const tops = new Set(rects.map(r => Math.round(r.top)));
            return tops.size;
        }""",
        selector,
    )


def cut_off_columns(page) -> list[str]:
    """Header cells whose right edge is beyond the list's visible box."""
    return page.evaluate(
        """() => {
            const box = document.querySelector('#changelist .results, #result_list');
            const right = Math.min(box.getBoundingClientRect().right, window.innerWidth);
            return Array.from(document.querySelectorAll('#result_list thead th'))
                .filter(th => th.offsetParent !== null)
                .filter(th => th.getBoundingClientRect().right > right + 1)
                .map(th => th.innerText.trim());
        }"""
    )


def visit(page, url: str, width: int, shot) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    page.screenshot(path=str(shot), full_page=True)


def reads_at_desktop_width(page, url: str, title_cell: str, shot) -> None:
    """At 1280 px: the title (or story) cell on two lines at most, no column cut off."""
    visit(page, url, WIDTHS["desktop"], shot)
    assert lines_of(page, f"#result_list tbody tr {title_cell}") <= 2
    assert cut_off_columns(page) == []
    fits, sizes = fits_the_width(page)
    assert fits, sizes


def fits_a_phone(page, url: str, shot) -> None:
    """At 390 px: nothing wider than the window, so no sideways scrolling."""
    visit(page, url, WIDTHS["phone"], shot)
    fits, sizes = fits_the_width(page)
    assert fits, sizes


def test_story_list_reads_at_desktop_and_phone_width(desk, page, tmp_path):
    log_in(page, desk, "bientap")
    url = f"{desk}/admin/articles/article/"

    reads_at_desktop_width(page, url, "th.field-title", tmp_path / "stories-1280.png")
    fits_a_phone(page, url, tmp_path / "stories-390.png")
    first = page.locator("#result_list tbody tr").first
    assert first.locator("th.field-title").inner_text() in HEADLINES
    # The row is a card: its title and its state are on screen, one under the other.
    title = first.locator("th.field-title").bounding_box()
    state = first.locator("td.field-state_and_time").bounding_box()
    assert title["x"] + title["width"] <= WIDTHS["phone"]
    assert state["y"] >= title["y"] + title["height"] - 1


def test_comment_list_and_queue_read_at_desktop_and_phone_width(desk, page, tmp_path):
    log_in(page, desk, "bientap")
    url = f"{desk}/admin/comments/comment/"

    reads_at_desktop_width(page, url, "td.field-article_link", tmp_path / "comments-1280.png")
    fits_a_phone(page, url, tmp_path / "comments-390.png")
    first = page.locator("#result_list tbody tr").first
    assert "Tôi rất đồng tình" in first.inner_text()

    fits_a_phone(page, f"{desk}/admin/comments/comment/kiem-duyet/", tmp_path / "q.png")
