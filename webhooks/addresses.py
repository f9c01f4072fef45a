"""Where a partner's webhook may point: the guard against server-side request forgery.

A partner's URL is typed in the admin; the worker then POSTs to it from inside the paper's
network. Without a guard, `https://10.0.0.5/` or `http://169.254.169.254/` (the cloud's
metadata service) would let whoever registers a partner reach machines readers cannot.

- HTTPS only, except a partner on this machine (127.0.0.1, ::1, localhost) when
  WEBHOOKS_ALLOW_LOOPBACK is on (DEBUG, tests), which may use plain HTTP.
- The host's every address must be public; private networks only with WEBHOOKS_ALLOW_PRIVATE;
  link-local, multicast, unspecified and reserved addresses never.
- Checked when the partner is saved, and again at each POST: the name is resolved, checked,
  and the connection made to that very address (`resolve`), so a name changed to point
  inside after the check (DNS rebinding) is refused too.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError

SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT: private in practice


class Refused(ValidationError):
    """A URL or an address a webhook may not be sent to (the message is Vietnamese)."""


def kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    """ "public", "loopback", "private" or "forbidden"."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local or ip.is_multicast or ip.is_unspecified or ip.is_reserved:
        return "forbidden"
    if ip.is_private or ip in SHARED or not ip.is_global:
        return "private"
    return "public"


def _allowed(found: str) -> bool:
    if found == "public":
        return True
    if found == "loopback":
        return bool(settings.WEBHOOKS_ALLOW_LOOPBACK)
    if found == "private":
        return bool(settings.WEBHOOKS_ALLOW_PRIVATE)
    return False


REFUSED = {
    "loopback": "Không gửi webhook tới chính máy chủ của tòa soạn (địa chỉ {ip}).",
    "private": (
        "Không gửi webhook tới mạng nội bộ (địa chỉ {ip}). Đối tác cần một địa chỉ công khai"
        " trên Internet (hoặc quản trị viên bật WEBHOOKS_ALLOW_PRIVATE)."
    ),
    "forbidden": "Địa chỉ {ip} không được phép (link-local, multicast hoặc dành riêng).",
}


def split(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of `url`, or Refused if it is no http(s) URL with a host."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise Refused("Địa chỉ URL không hợp lệ.", code="invalid") from None
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise Refused("Địa chỉ phải bắt đầu bằng https:// và có tên máy chủ.", code="invalid")
    if parts.username or parts.password:
        raise Refused("Địa chỉ không được chứa tên đăng nhập hay mật khẩu.", code="invalid")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80)


def resolve(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, ip) for a POST to `url`, the address checked; Refused otherwise."""
    scheme, host, port = split(url)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise Refused(
            f"Không tìm thấy máy chủ “{host}” (tên miền không phân giải được).", code="dns"
        ) from None
    ips = []
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        found = kind(ip)
        if not _allowed(found):
            raise Refused(REFUSED[found].format(ip=ip), code=found)
        ips.append((found, str(ip)))
    if scheme != "https" and any(found != "loopback" for found, _ in ips):
        raise Refused(
            "Webhook phải dùng https:// (chỉ máy thử nghiệm trên chính máy này mới dùng http://).",
            code="https",
        )
    return scheme, host, port, ips[0][1]


def validate_url(url: str) -> None:
    """The admin's validator of a partner's URL."""
    resolve(url)
