"""Per-IP limits on comment posts, likes and reports, counted in the shared cache so they hold
across servers."""

import ipaddress
import logging
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from newsroom.clientip import client_ip

__all__ = ["RATES", "client_ip", "hit", "network", "parse_rate"]

logger = logging.getLogger(__name__)
PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATES = {
    "post": "COMMENT_RATE_LIMIT",
    "like": "COMMENT_LIKE_RATE_LIMIT",
    "report": "COMMENT_REPORT_RATE_LIMIT",
}
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


def network(ip: str | None) -> str:
    """Whom a like or report counts as: the IPv4 address, or the /64 of an IPv6 one.

    One IPv6 subscriber line holds a whole /64, so its addresses are one reader's. "" when
    the address is unknown.
    """
    try:
        address = ipaddress.ip_address(ip or "")
    except ValueError:
        return ""
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/64", strict=False))


def hit(ip: str | None, *, scope: str = "post", counted: Callable[[datetime], int] | None = None):
    """Count one post, like or report (`scope`) from `ip`; False once over this window's limit.

    While the cache is down, `counted(since)` (what the database holds of this address since
    the window began) stands in for the cache's count. Without it (posts) the request passes:
    a comment goes to moderation rather than lose the reader's text.
    """
    limit = parse_rate(getattr(settings, RATES[scope]))
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
        logger.exception("Comment rate limit unavailable")
        if counted is None:
            return True
        since = datetime.fromtimestamp(window * period, tz=UTC)
        return counted(since) < count
    return current <= count
