"""Rates like `5/m` and whom a limit counts: one reading for the comments' and the API's limits."""

import ipaddress
import re

from django.core.exceptions import ImproperlyConfigured

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")


def parse_rate(rate: str, setting: str = "COMMENT_RATE_LIMIT") -> tuple[int, int] | None:
    """`"5/m"` -> (5, 60), `"10/5m"` -> (10, 300); `"0"` or "" -> None (no limit).

    A value not like that is refused, naming `setting` (a system check reports it)."""
    rate = (rate or "").strip()
    if rate in {"", "0"}:
        return None
    match = _RATE.match(rate)
    if not match:
        raise ImproperlyConfigured(f"{setting} {rate!r} is not like '5/m'.")
    count, multiplier, unit = match.groups()
    if int(count) == 0:
        return None
    return int(count), int(multiplier or 1) * PERIODS[unit]


def network(ip: str | None) -> str:
    """Whom a limit counts: the IPv4 address, or the /64 of an IPv6 one.

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
