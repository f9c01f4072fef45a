"""In Chromium: an editor places stories on the desk's front page by dragging and by number."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Placement, Slot
from tests.articles.test_browser_desk import log_in
from tests.desk_users import editor
from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_story_dragged_onto_a_slot_or_typed_in_by_number_is_placed(live_server, page):
    base = live_server.url
    editor("bientap")
    now = timezone.now()
    newest = make_article("Tin mới nhất", published_at=now - timedelta(minutes=5))
    dragged = make_article("Lũ quét ở Mường Lay", published_at=now - timedelta(days=2))
    typed = make_article("Mùa lúa ở Mù Cang Chải", published_at=now - timedelta(days=3))
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    log_in(page, base, "bientap")
    page.goto(f"{base}/admin/trang-nhat/")
    main = page.locator("#o-tieu-diem-1")
    expect(main).to_contain_text(f"#{newest.pk} Tin mới nhất")
    expect(main).to_contain_text("tự động")

    # By dragging: the story from "Bài để đặt" onto the main slot.
    source = page.locator(f".front-candidate[data-story='{dragged.pk}']")
    with page.expect_navigation():
        source.drag_to(main)
    expect(page.locator(".messagelist")).to_contain_text(f"bài #{dragged.pk}")
    expect(page.locator("#o-tieu-diem-1")).to_contain_text("Lũ quét ở Mường Lay")
    expect(page.locator("#o-tieu-diem-1")).to_contain_text("đặt từ")

    # By position: the story's number typed into the second companion's slot.
    companion = page.locator("#o-kem-theo-2")
    companion.get_by_label("Mã bài").fill(str(typed.pk))
    with page.expect_navigation():
        companion.get_by_role("button", name="Đặt", exact=True).click()
    expect(page.locator("#o-kem-theo-2")).to_contain_text("Mùa lúa ở Mù Cang Chải")

    placed = {(p.slot, p.position): p.article_id for p in Placement.objects.all()}
    assert placed == {(Slot.MAIN, 1): dragged.pk, (Slot.COMPANION, 2): typed.pk}
    # And readers see it: the main story leads the home page.
    page.goto(f"{base}/")
    expect(page.locator(".front-main .story-card-title")).to_have_text("Lũ quét ở Mường Lay")
    assert not errors, errors  # no script refused by the strict CSP
