"""Vietnamese date formats, always in Vietnam time: weekdays spelled out, day first."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django import template
from django.conf import settings
from django.utils import timezone

register = template.Library()

# Django's `vi` locale abbreviates ("Thứ 3"); the paper spells weekdays out.
WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")


def vietnam_time(value: datetime) -> datetime:
    tz = ZoneInfo(settings.TIME_ZONE)
    return timezone.localtime(value, tz) if timezone.is_aware(value) else value


@register.filter
def vn_weekday(value: datetime | None) -> str:
    """`Thứ ba` for a Tuesday."""
    return WEEKDAYS[vietnam_time(value).weekday()] if value else ""


@register.filter
def vn_datetime(value: datetime | None) -> str:
    """`03/02/2015 14:56`."""
    return vietnam_time(value).strftime("%d/%m/%Y %H:%M") if value else ""


@register.filter
def vn_date(value: datetime | None) -> str:
    """`03/02/2015`."""
    return vietnam_time(value).strftime("%d/%m/%Y") if value else ""


@register.filter
def vn_dateline(value: datetime | None) -> str:
    """The story's dateline: `Thứ ba, 03/02/2015 - 14:56'`."""
    if not value:
        return ""
    local = vietnam_time(value)
    return f"{vn_weekday(local)}, {local:%d/%m/%Y - %H:%M}'"


@register.filter
def vn_clock(value: datetime | None) -> str:
    """The header clock: `Thứ bảy, 27/04/2024, 19:47 [GMT+7]`."""
    if not value:
        return ""
    local = vietnam_time(value)
    offset = local.utcoffset()
    hours = int(offset.total_seconds() // 3600) if offset is not None else 0
    return f"{vn_weekday(local)}, {local:%d/%m/%Y, %H:%M} [GMT{hours:+d}]"


@register.filter
def iso(value: datetime | None) -> str:
    """ISO 8601 with the Vietnam offset, for `<time datetime>` and metadata."""
    return vietnam_time(value).isoformat(timespec="seconds") if value else ""


@register.simple_tag
def now_clock() -> datetime:
    """The time of the view, for the header clock (the browser keeps it current)."""
    return timezone.now()
