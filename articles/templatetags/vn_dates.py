"""Vietnamese date filters for templates: thin wrappers over `newsroom.vietnamese`."""

from datetime import datetime

from django import template
from django.utils import timezone

from newsroom import vietnamese

register = template.Library()

register.filter("vn_weekday", vietnamese.weekday)
register.filter("vn_datetime", vietnamese.date_time)
register.filter("vn_date", vietnamese.date)
register.filter("vn_dateline", vietnamese.dateline)
register.filter("vn_clock", vietnamese.clock)
register.filter("iso", vietnamese.iso)


@register.simple_tag
def now_clock() -> datetime:
    """The time of the view, for the header clock (the browser keeps it current)."""
    return timezone.now()
