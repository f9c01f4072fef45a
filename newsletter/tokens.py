"""Signed links: a confirmation that expires, an unsubscribe link that never does.

A link names the subscriber by number and a digest of the address, never the address itself,
so a forwarded mail's link tells nobody who subscribed.
"""

import hashlib

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "newsletter.confirm"
LEAVE_SALT = "newsletter.unsubscribe"


def _value(subscriber) -> str:
    digest = hashlib.sha256(subscriber.email.encode()).hexdigest()[:16]
    return f"{subscriber.pk}.{digest}"


def matches(subscriber, value: str) -> bool:
    return subscriber is not None and _value(subscriber) == value


def confirm_token(subscriber) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(_value(subscriber))


def leave_token(subscriber) -> str:
    return signing.Signer(salt=LEAVE_SALT).sign(_value(subscriber))


def read_confirm(token: str) -> str | None:
    """The value a confirmation link names, or None: forged, or older than the limit."""
    try:
        return signing.TimestampSigner(salt=CONFIRM_SALT).unsign(
            token, max_age=settings.NEWSLETTER_CONFIRM_DAYS * 86400
        )
    except signing.BadSignature:
        return None


def read_leave(token: str) -> str | None:
    try:
        return signing.Signer(salt=LEAVE_SALT).unsign(token)
    except signing.BadSignature:
        return None


def subscriber_pk(value: str) -> int | None:
    pk = value.partition(".")[0]
    return int(pk) if pk.isdigit() else None
