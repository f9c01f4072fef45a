"""Times as editors type them: Vietnam's `DD/MM/YYYY HH:MM`, to the minute."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings

FORMAT = "%d/%m/%Y %H:%M"
EXAMPLE = "03/12/2026 06:00"


def parse_minute(text: str) -> datetime:
    """`text` as an aware moment in Vietnam's time; ValueError with a Vietnamese message."""
    text = " ".join((text or "").split())
    try:
        naive = datetime.strptime(text, FORMAT)
    except ValueError:
        raise ValueError(
            f"Thời điểm “{text}” không đúng dạng ngày/tháng/năm giờ:phút, ví dụ “{EXAMPLE}”"
            " (giờ Việt Nam)."
        ) from None
    return naive.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))


def shown(moment: datetime) -> str:
    """`moment` as editors type it, in Vietnam's time."""
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE)).strftime(FORMAT)
