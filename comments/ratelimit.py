"""Per-IP limits on comment posts, likes and reports, counted in the shared cache so they hold
across servers."""

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache

from newsroom.clientip import client_ip
from newsroom.rates import network, parse_rate

__all__ = ["RATES", "client_ip", "hit", "network", "parse_rate"]

logger = logging.getLogger(__name__)
RATES = {
    "post": "COMMENT_RATE_LIMIT",
    "like": "COMMENT_LIKE_RATE_LIMIT",
    "report": "COMMENT_REPORT_RATE_LIMIT",
}


def hit(ip: str | None, *, scope: str = "post", counted: Callable[[datetime], int] | None = None):
    """Count one post, like or report (`scope`) from `ip`; False once over this window's limit.

    While the cache is down, `counted(since)` (what the database holds of this address since
    the window began) stands in for the cache's count. Without it (posts) the request passes:
    a comment goes to moderation rather than lose the reader's text.
    """
    limit = parse_rate(getattr(settings, RATES[scope]), RATES[scope])
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
