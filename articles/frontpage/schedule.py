"""When the front page next changes by itself: a placement starting, the bar ending."""

from datetime import datetime

from django.db.models import QuerySet

from ..models import Placement


def upcoming(now: datetime) -> list[QuerySet]:
    """The moments still to come, one column each, to take the earliest of (with a union)."""
    return [
        Placement.objects.filter(starts_at__gt=now).order_by().values_list("starts_at"),
        Placement.objects.filter(ends_at__gt=now).order_by().values_list("ends_at"),
    ]
