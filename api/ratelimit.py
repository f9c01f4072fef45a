"""Requests per client address, counted in the shared cache so the limit holds across servers.

The client is found as the comments' limits find it (newsroom.clientip: REMOTE_ADDR, or the
address our TRUSTED_PROXY_COUNT proxies put in X-Forwarded-For), an IPv6 client by its /64.
A fixed window: one `add` and one `incr` of the cache per request that reaches Django. The
answers the front keeps in memory (pagecache/front.py) are given before Django and cost less
than this count would: the limit weighs on what costs, a client going through many addresses.
"""

import ipaddress
import logging
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from newsroom.clientip import client_ip

from .errors import json_error

logger = logging.getLogger(__name__)
PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")
DEFAULT_RATE = "300/m"


def parse_rate(rate: str) -> tuple[int, int] | None:
    """`"300/m"` -> (300, 60); `"0"` or "" -> None (no limit)."""
    rate = (rate or "").strip()
    if rate in {"", "0"}:
        return None
    match = _RATE.match(rate)
    if not match:
        raise ImproperlyConfigured(f"API_RATE_LIMIT {rate!r} is not like '300/m'.")
    count, multiplier, unit = match.groups()
    return (int(count), int(multiplier or 1) * PERIODS[unit]) if int(count) else None


def client(request) -> str:
    """Whom a request counts as: the IPv4 address, or the /64 of an IPv6 one."""
    try:
        address = ipaddress.ip_address(client_ip(request) or "")
    except ValueError:
        return "unknown"
    if address.version == 6 and address.ipv4_mapped:
        return str(address.ipv4_mapped)
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def refused(request):
    """None when the request is within the client's limit, else the 429 to send."""
    limit = parse_rate(getattr(settings, "API_RATE_LIMIT", DEFAULT_RATE))
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
