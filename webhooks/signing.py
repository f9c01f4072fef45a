"""The signature partners check, Stripe's scheme with the paper's header names.

    X-Newsroom-Timestamp: 1764840000                  (Unix seconds, at this try)
    X-Newsroom-Signature: sha256=<hex HMAC-SHA256 of b"1764840000." + raw body, partner's secret>

The timestamp is inside the signed material, so a captured request replayed later fails a
partner that refuses timestamps older than a few minutes (`verify`'s `tolerance`). Each try
is signed again with its own time; the body and the delivery id stay the same.
"""

import hashlib
import hmac
import json
import time


def body_of(payload: dict) -> bytes:
    """The exact bytes POSTed: compact UTF-8 JSON (Vietnamese kept as is, not \\u-escaped)."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def signature(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def headers(secret: str, body: bytes, *, event: str, delivery_id: str, now=None) -> dict:
    timestamp = int(now if now is not None else time.time())
    return {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Newsroom-Webhooks/1",
        "X-Newsroom-Event": event,
        "X-Newsroom-Delivery": delivery_id,
        "X-Newsroom-Timestamp": str(timestamp),
        "X-Newsroom-Signature": signature(secret, timestamp, body),
    }


def verify(secret: str, body: bytes, timestamp: str, signed: str, tolerance: int = 300) -> bool:
    """What a partner runs (the README's snippet is this function): True if genuine and fresh."""
    try:
        sent = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs(time.time() - sent) > tolerance:
        return False
    expected = (
        "sha256="
        + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    )
    return hmac.compare_digest(expected, signed or "")
