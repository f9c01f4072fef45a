"""Requests per client address, counted in the shared cache so the limit holds across servers.

The client is found as the comments' limits find it (newsroom.clientip: REMOTE_ADDR, or the
address our TRUSTED_PROXY_COUNT proxies put in X-Forwarded-For), an IPv6 client by its /64.
A fixed window: one `add` and one `incr` of the cache per request that reaches Django. The
answers the front keeps in memory (pagecache/front.py) are given before Django and cost less
than this count would: the limit weighs on what costs, a client going through many addresses.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache

from newsroom.clientip import client_ip
from newsroom.rates import network, parse_rate

from .errors import json_error

logger = logging.getLogger(__name__)


def client(request) -> str:
    """Whom a request counts as: the IPv4 address, or the /64 of an IPv6 one."""
    return network(client_ip(request)) or "unknown"


def refused(request):
    """None when the request is within the client's limit, else the 429 to send."""
    limit = parse_rate(settings.API_RATE_LIMIT, "API_RATE_LIMIT")
    if limit is None:
        return None
    count, period = limit
    now = time.time()
    window = int(now // period)
    key = f"api:rate:{client(request)}:{period}:{window}"
    try:
        cache.add(key, 0, timeout=period + 1)
        try:
            current = cache.incr(key)
        except ValueError:  # expired between the two: the window's first request
            cache.set(key, 1, timeout=period + 1)
            current = 1
    except Exception:
        logger.warning("API rate limit unavailable", exc_info=True)
        return None
    if current <= count:
        return None
    wait = max(1, int((window + 1) * period - now) + 1)
    message = f"Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau {wait} giây."
    return json_error(429, message, Retry_After=str(wait))
