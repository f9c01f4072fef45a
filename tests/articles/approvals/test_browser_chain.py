"""The approval chain in Chromium: a journalist, a section head, the managing editor and the
duty editor-in-chief click a story of Thời sự through its three levels, one of them from a
phone; a reader sees only the story. And an overdue story taken over by the level above."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from articles import workflow
from articles.approvals import steps
from articles.models import Article, DutyShift
from tests.articles.test_browser_desk import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Lũ quét ở Mường Tè"
PHONE = {"width": 390, "height": 844}
SHOTS = "/tmp/chainui"
LEAD = "Mưa lớn kéo dài gây lũ quét ở xã Pa Ủ, huyện Mường Tè."
NOTICE_LINK = "https://pcttdl.laichau.gov.vn/ThongBao/LuQuetXaPaUHuyenMuongTe_Dem02122026.aspx"


def figure(page, key: str):
    """A line of the desk front (newsroom/desk_front.py), by its key."""
    return page.locator(f"#so-lieu-{key}")


def open_from_figure(page, key: str, title: str) -> None:
    """The desk front's figure link, then the story in the list behind it."""
    figure(page, key).locator("th a").click()
    page.get_by_role("link", name=title).click()
    expect(page.locator("#approval-chain")).to_be_visible()


def press(page, name: str) -> None:
    """A button of the chain panel; waits for the page it leads back to."""
    with page.expect_navigation():
        page.locator("#approval-chain").get_by_role("button", name=name, exact=True).click()
    expect(page.locator(".messagelist")).to_be_visible()


def save_and_continue(page) -> None:
    with page.expect_navigation():
        page.locator("input[name=_continue]").click()


def level_of(story: Article) -> int | None:
    story.refresh_from_db()
    return story.approval_level


def waiting_for_me(page, base: str) -> str:
    page.goto(f"{base}/admin/articles/article/?duyet=cho-toi")
    return page.locator("#changelist").inner_text()


def assert_fits_the_phone(page, name: str) -> None:
    """At 390 px: no sideways scroll, and the button `name` shows whole and takes a click."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 2, f"the page scrolls sideways: {width}px wide"
    button = page.locator("#approval-chain").get_by_role("button", name=name, exact=True)
    button.scroll_into_view_if_needed()
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    button.click(trial=True)  # nothing covers it


def test_the_whole_chain_by_four_people_and_one_from_a_phone(live_server, page, browser, paper):
    base = live_server.url
    now = timezone.now()
    # Two editors-in-chief; the deputy's shift covers now, so the last level is theirs.
    DutyShift.objects.create(
        user=paper.deputy, starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=7)
    )

    # The journalist writes and submits: the story waits at level 1.
    log_in(page, base, "phongvien")
    page.goto(f"{base}/admin/articles/article/add/")
    page.fill("#id_title", TITLE)
    page.locator(".field-section .select2-selection").click()
    page.locator(".select2-search__field").fill("Thời sự")
    page.locator(".select2-results__option").filter(has_text=re.compile(r"^Thời sự$")).click()
    page.fill("#id_lead", "Mưa lớn kéo dài gây lũ quét ở xã Pa Ủ.")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type("Đêm qua, lũ quét tràn qua bản Pa Ủ, cuốn trôi hai ngôi nhà.")
    page.fill("#id_byline", "Quang Minh")
    page.get_by_role("button", name="Lưu và gửi duyệt").click()
    page.wait_for_selector(".messagelist .success")
    story = Article.objects.get(title=TITLE)
    assert (story.status, story.approval_level) == (Article.Status.PENDING, 1)

    # The section head finds it through "Chờ tôi duyệt" and passes it up.
    log_in(page, base, "truongban")
    expect(figure(page, "waiting-for-me").locator(".badge")).to_have_text("1")
    open_from_figure(page, "waiting-for-me", TITLE)
    expect(page.locator(".chain-waiting")).to_contain_text("Cấp 1 · Trưởng ban")
    press(page, "Duyệt và chuyển lên cấp 2")
    expect(page.locator(".messagelist")).to_contain_text("bài chuyển lên cấp 2")
    assert level_of(story) == 2

    # The managing editor edits the lead at their own level (it stays there), then approves.
    log_in(page, base, "thuky")
    open_from_figure(page, "waiting-for-me", TITLE)
    expect(page.locator("#approval-chain")).to_contain_text("đã duyệt bởi Truongban")
    page.fill("#id_lead", LEAD)
    save_and_continue(page)
    assert level_of(story) == 2
    press(page, "Duyệt và chuyển lên cấp 3")
    assert level_of(story) == 3

    # The duty editor sends it back to level 1 with a note.
    log_in(page, base, "photongbientap")
    open_from_figure(page, "waiting-for-me", TITLE)
    panel = page.locator("#approval-chain")
    panel.locator("#id_chain_to").select_option("1")
    panel.locator("#id_chain_note").fill("Cần thêm nguồn: lời chủ tịch xã về số hộ di dời.")
    press(page, "Trả lại")
    expect(page.locator(".messagelist")).to_contain_text("Đã trả bài về cấp 1.")
    assert level_of(story) == 1

    # The section head reads the note on the desk and approves again; so does level 2.
    log_in(page, base, "truongban")
    expect(page.locator(".messagelist")).to_contain_text("lời chủ tịch xã về số hộ di dời")
    open_from_figure(page, "waiting-for-me", TITLE)
    press(page, "Duyệt và chuyển lên cấp 2")
    log_in(page, base, "thuky")
    open_from_figure(page, "waiting-for-me", TITLE)
    press(page, "Duyệt và chuyển lên cấp 3")
    assert level_of(story) == 3

    # An editor who holds no level changes the headline after level 2 approved it: it goes
    # back to level 2, which sees what changed.
    log_in(page, base, "bientap")
    page.goto(f"{base}/admin/articles/article/{story.pk}/change/")
    page.fill("#id_title", f"{TITLE}, ba người mất tích")
    page.fill("#id_lead", f"{LEAD} Thông báo: {NOTICE_LINK}")
    save_and_continue(page)
    expect(page.locator(".messagelist")).to_contain_text("về lại cấp 2")
    assert level_of(story) == 2
    # The managing editor reads the difference on a phone, a long link in it, and approves.
    log_in(page, base, "thuky")
    page.set_viewport_size(PHONE)
    open_from_figure(page, "waiting-for-me", f"{TITLE}, ba người mất tích")
    diff = page.locator(".chain-diff")
    expect(diff.locator("h3")).to_have_text("Đã sửa sau khi cấp 2 duyệt")
    expect(diff.locator("ins").first).to_be_visible()
    inserted = diff.locator("ins").all_inner_texts()
    assert "ba người mất tích" in inserted[0]
    assert any(NOTICE_LINK in text for text in inserted)
    assert_fits_the_phone(page, "Duyệt và chuyển lên cấp 3")
    diff.screenshot(path=f"{SHOTS}/chain-phone-diff.png")
    press(page, "Duyệt và chuyển lên cấp 3")
    page.set_viewport_size({"width": 1280, "height": 800})
    assert level_of(story) == 3

    # The editor-in-chief off duty does not have it waiting; the duty editor does.
    title = f"{TITLE}, ba người mất tích"
    log_in(page, base, "tongbientap")
    expect(figure(page, "waiting-for-me").locator(".badge")).to_have_text("0")
    assert title not in waiting_for_me(page, base)
    log_in(page, base, "photongbientap")
    expect(figure(page, "waiting-for-me").locator(".badge")).to_have_text("1")
    assert title in waiting_for_me(page, base)

    # ...and approves and publishes it from a phone.
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/admin/articles/article/{story.pk}/change/")
    assert_fits_the_phone(page, "Duyệt và xuất bản")
    page.locator("#approval-chain").screenshot(path=f"{SHOTS}/chain-phone-panel.png")
    page.screenshot(path=f"{SHOTS}/chain-phone.png", full_page=True)
    press(page, "Duyệt và xuất bản")
    expect(page.locator(".messagelist")).to_contain_text("bài đã lên trang")
    story.refresh_from_db()
    assert story.state == Article.State.PUBLISHED and story.approval_level is None

    # A reader sees the story, and nothing of the chain.
    reader = browser.new_context(locale="vi-VN")
    try:
        public = reader.new_page()
        public.goto(base + story.get_absolute_url())
        expect(public.locator("h1")).to_contain_text(title)
        text = public.locator("body").inner_text()
        # (The comment form's "kiểm duyệt" is the readers' own, not the chain.)
        chain_words = ("Duyệt nhiều cấp", "Sổ duyệt", "Trả lại", "Cấp 1", "cấp 2", "Đã sửa sau")
        for word in (*chain_words, "Truongban", "Thuky", "Photongbientap", "lời chủ tịch xã"):
            assert word not in text
        assert public.locator("#approval-chain, .approval-chain").count() == 0
    finally:
        reader.close()


def test_an_overdue_story_is_taken_over_by_the_level_above(live_server, page, paper):
    base = live_server.url
    paper.thoi_su.approval_limit_minutes = 30
    paper.thoi_su.save()
    story = paper.story(title="Cầu treo Nậm Củm xuống cấp")
    workflow.submit(story, by=paper.reporter)
    later = timezone.now() + timedelta(minutes=31)
    with time_machine.travel(later, tick=False):
        assert steps.escalate_overdue() == 1
        log_in(page, base, "thuky")
        expect(page.locator(".messagelist")).to_contain_text("quá hạn")
        overdue = figure(page, "overdue-below")
        expect(overdue.locator("th")).to_contain_text("Quá hạn ở cấp dưới")
        expect(overdue.locator(".badge")).to_have_text("1")
        open_from_figure(page, "overdue-below", story.title)
        expect(page.locator(".chain-waiting .chain-overdue")).to_have_text("Quá hạn")
        # Not theirs yet: only the take-over button.
        expect(page.get_by_role("button", name="Duyệt và chuyển lên cấp 3")).to_have_count(0)
        press(page, "Nhận duyệt thay (bài quá hạn ở cấp 1)")
        expect(page.locator(".messagelist")).to_contain_text("bài chờ bạn ở cấp 2")
        assert level_of(story) == 2
        press(page, "Duyệt và chuyển lên cấp 3")
        assert level_of(story) == 3
