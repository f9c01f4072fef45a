from datetime import UTC, datetime

import pytest
from django.template import Context, Template

from newsroom.vietnamese import clock as vn_clock
from newsroom.vietnamese import date_time as vn_datetime
from newsroom.vietnamese import dateline as vn_dateline
from newsroom.vietnamese import weekday as vn_weekday

# 2024-04-22 was a Monday; noon UTC is 19:00 in Vietnam, the same day.
WEEK = [
    (datetime(2024, 4, 22, 12, tzinfo=UTC), "Thứ hai"),
    (datetime(2024, 4, 23, 12, tzinfo=UTC), "Thứ ba"),
    (datetime(2024, 4, 24, 12, tzinfo=UTC), "Thứ tư"),
    (datetime(2024, 4, 25, 12, tzinfo=UTC), "Thứ năm"),
    (datetime(2024, 4, 26, 12, tzinfo=UTC), "Thứ sáu"),
    (datetime(2024, 4, 27, 12, tzinfo=UTC), "Thứ bảy"),
    (datetime(2024, 4, 28, 12, tzinfo=UTC), "Chủ nhật"),
]


@pytest.mark.parametrize(("moment", "weekday"), WEEK)
def test_every_weekday_is_spelled_out(moment, weekday):
    assert vn_weekday(moment) == weekday
    assert vn_dateline(moment).startswith(f"{weekday}, ")


def test_reference_dateline():
    published = datetime(2015, 2, 3, 7, 56, tzinfo=UTC)  # 14:56 in Vietnam
    assert vn_dateline(published) == "Thứ ba, 03/02/2015 - 14:56'"


def test_reference_clock():
    viewed = datetime(2024, 4, 27, 12, 47, tzinfo=UTC)
    assert vn_clock(viewed) == "Thứ bảy, 27/04/2024, 19:47 [GMT+7]"


def test_after_five_pm_utc_is_already_tomorrow_in_vietnam():
    late = datetime(2024, 4, 27, 17, 30, tzinfo=UTC)  # 00:30 on Sunday in Vietnam
    assert vn_dateline(late) == "Chủ nhật, 28/04/2024 - 00:30'"
    assert vn_datetime(late) == "28/04/2024 00:30"


def test_just_before_midnight_utc_is_the_next_morning_in_vietnam():
    moment = datetime(2024, 12, 31, 23, 59, tzinfo=UTC)
    assert vn_dateline(moment) == "Thứ tư, 01/01/2025 - 06:59'"


def test_just_after_midnight_utc_is_the_same_morning_in_vietnam():
    moment = datetime(2025, 1, 1, 0, 1, tzinfo=UTC)
    assert vn_clock(moment) == "Thứ tư, 01/01/2025, 07:01 [GMT+7]"


def test_format_does_not_depend_on_the_active_time_zone():
    from django.utils import timezone

    with timezone.override("UTC"):
        assert vn_datetime(datetime(2015, 2, 3, 7, 56, tzinfo=UTC)) == "03/02/2015 14:56"


def test_missing_date_renders_nothing():
    assert vn_dateline(None) == ""
    assert vn_clock(None) == ""


def test_filters_work_in_templates():
    out = Template("{% load vn_dates %}{{ when|vn_dateline }}").render(
        Context({"when": datetime(2015, 2, 3, 7, 56, tzinfo=UTC)})
    )
    assert out == "Thứ ba, 03/02/2015 - 14:56&#x27;"
