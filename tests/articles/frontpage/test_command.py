"""`manage.py frontpage place|breaking`, in Vietnam's time to the minute, bad input refused."""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.frontpage.reading import breaking_now, compose_home
from articles.models import Article, Placement, Slot
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def run(*args) -> str:
    out = StringIO()
    call_command("frontpage", *args, stdout=out)
    return out.getvalue()


def test_place_puts_a_story_in_the_main_slot_now():
    make_article("Tin mới hơn")
    story = make_article("Tin tiêu điểm", published_at=timezone.now() - timedelta(days=1))
    assert "Đã đặt bài" in run("place", str(story.pk), "--slot", "tieu-diem")
    assert compose_home().main == story


def test_place_from_a_time_is_vietnams_to_the_minute():
    story = make_article("Tin 11 giờ")
    tomorrow = (timezone.now() + timedelta(days=1)).astimezone(VIETNAM)
    typed = tomorrow.strftime("%d/%m/%Y") + " 11:00"
    output = run("place", str(story.pk), "--slot", "tieu-diem", "--from", typed)
    placement = Placement.objects.get(article=story)
    expected = datetime(tomorrow.year, tomorrow.month, tomorrow.day, 11, 0, tzinfo=VIETNAM)
    assert placement.starts_at == expected
    assert typed in output
    with time_machine.travel(expected + timedelta(seconds=1)):
        assert compose_home().main == story


def test_place_a_section_pages_main_story():
    section = make_section("Kinh tế")
    story = make_article("Giá lúa", section=section)
    run("place", str(story.pk), "--slot", "muc-chinh", "--section", "kinh-te")
    assert Placement.objects.get(slot=Slot.SECTION_MAIN).section == section


def test_breaking_until_and_clear():
    story = make_article("Động đất")
    until = (timezone.now() + timedelta(hours=3)).astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M")
    assert until in run("breaking", str(story.pk), "--until", until)
    assert breaking_now().story_id == story.pk
    assert "Đã bỏ" in run("breaking", "--clear")
    assert breaking_now() is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["place", "abc", "--slot", "tieu-diem"], "không phải là một số"),
        (["place", "{story}"], "Ghi vị trí"),
        (["place", "999999", "--slot", "tieu-diem"], "Không có bài nào mang mã 999999"),
        (["place", "{story}", "--slot", "trang-bia"], "Không có vị trí “trang-bia”"),
        (["place", "{story}", "--slot", "tieu-diem", "--position", "2"], "có 1 chỗ"),
        (["place", "{story}", "--slot", "kem-theo", "--position", "x"], "phải là một số"),
        (
            ["place", "{story}", "--slot", "tieu-diem", "--from", "2026-12-03 06:00"],
            "ngày/tháng/năm",
        ),
        (["place", "{story}", "--slot", "tieu-diem", "--from", "31/02/2026 06:00"], "không đúng"),
        (["place", "{story}", "--slot", "tieu-diem", "--from", "01/01/2020 06:00"], "đã qua"),
        (["place", "{story}", "--slot", "muc-chinh"], "cần chọn chuyên mục"),
        (
            ["place", "{story}", "--slot", "muc-chinh", "--section", "khong-co"],
            "Không có chuyên mục",
        ),
        (["place", "{draft}", "--slot", "tieu-diem"], "chưa xuất bản"),
        (["breaking", "{story}"], "cần giờ kết thúc"),
        (["breaking", "{story}", "--until", "hôm nay"], "ngày/tháng/năm"),
        (["breaking", "{story}", "--until", "01/01/2020 06:00"], "đã qua"),
        (["breaking"], "Ghi mã bài"),
        (["breaking", "{story}", "--clear"], "--clear bỏ tin nóng"),
    ],
)
def test_bad_input_gets_a_vietnamese_message(args, message):
    story = make_article("Tin")
    draft = make_article("Nháp", status=Article.Status.DRAFT)
    args = [arg.format(story=story.pk, draft=draft.pk) for arg in args]
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert not Placement.objects.exists()
