"""The client's IP address, read through the trusted reverse proxies only."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or the address our TRUSTED_PROXY_COUNT proxies put in X-Forwarded-For.

    Used for the comment rate limit and moderation, and by django-axes for the admin login.
    """
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        validate_ipv46_address(address)
    except ValidationError:
        return None
    return address
