"""A per-IP limit on comment posts, counted in the shared cache so it holds across servers."""

import logging
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from newsroom.clientip import client_ip

__all__ = ["client_ip", "hit", "parse_rate"]

logger = logging.getLogger(__name__)
PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")


def parse_rate(rate: str) -> tuple[int, int] | None:
    """`"5/m"` -> (5, 60); `"0"` or "" -> None (no limit)."""
    rate = (rate or "").strip()
    if rate in {"", "0"}:
        return None
    match = _RATE.match(rate)
    if not match:
        raise ImproperlyConfigured(f"COMMENT_RATE_LIMIT {rate!r} is not like '5/m'.")
    count, multiplier, unit = match.groups()
    if int(count) == 0:
        return None
    return int(count), int(multiplier or 1) * PERIODS[unit]


def hit(ip: str | None, *, scope: str = "post") -> bool:
    """Count one post (or like: `scope="like"`) from `ip`; False once over this window's limit."""
    rate = settings.COMMENT_LIKE_RATE_LIMIT if scope == "like" else settings.COMMENT_RATE_LIMIT
    limit = parse_rate(rate)
    if limit is None:
        return True
    count, period = limit
    window = int(time.time() // period)
    prefix = "comments:rate" if scope == "post" else f"comments:rate-{scope}"
    key = f"{prefix}:{ip or 'unknown'}:{period}:{window}"
    try:
        cache.add(key, 0, timeout=period + 1)
        try:
            current = cache.incr(key)
        except ValueError:
            # The key expired between add and incr: this is the window's first post.
            cache.set(key, 1, timeout=period + 1)
            current = 1
    except Exception:
        # A cache outage lets comments through to moderation rather than lose the reader's text.
        logger.exception("Comment rate limit unavailable")
        return True
    return current <= count
