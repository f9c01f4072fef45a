"""One try of a delivery: a signed POST, its outcome recorded, the next try planned.

A delivery is claimed before its POST (its next try moved a lease ahead in one UPDATE), so
a worker's task, a task Celery delivered twice and the no-broker command never send it at
the same moment. 2xx is delivered; anything else (another status, a redirect, a refused or
timed-out connection, an address the guard refuses) is recorded and tried again after
WEBHOOKS_RETRY_DELAYS, then the delivery is "thất bại". Every try is an Attempt row.
"""

import http.client
import logging
import socket
import time
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import addresses, signing
from .models import Attempt, Delivery

logger = logging.getLogger(__name__)

# A claimed delivery is left alone this long (more than a POST's timeout): a worker killed
# mid-POST leaves it due again after the lease.
LEASE = timedelta(seconds=60)
ERROR_LENGTH = 500
READ_LIMIT = 1024


class Failure(Exception):
    """A try that did not deliver: `code` the partner's HTTP status if it answered."""

    def __init__(self, text: str, code: int | None = None):
        super().__init__(text)
        self.code = code


def post(url: str, body: bytes, headers: dict, timeout: float) -> int:
    """POST `body` to `url` at its checked address; the 2xx status, or Failure."""
    try:
        scheme, host, port, ip = addresses.resolve(url)
    except addresses.Refused as refused:
        raise Failure(f"Địa chỉ bị từ chối: {refused.messages[0]}") from None
    kind = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
    connection = kind(host, port, timeout=timeout)
    # Connect to the address just checked, not to whatever the name resolves to next.
    connection._create_connection = lambda address, *args: socket.create_connection(
        (ip, address[1]), *args
    )
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read(READ_LIMIT).decode("utf-8", "replace")
    except TimeoutError:
        raise Failure(f"Quá thời gian chờ ({timeout:g} giây): đối tác không trả lời.") from None
    except ConnectionRefusedError:
        raise Failure("Không kết nối được: đối tác từ chối kết nối.") from None
    except (OSError, http.client.HTTPException) as error:
        raise Failure(f"Lỗi kết nối: {error.__class__.__name__}: {error}") from None
    finally:
        connection.close()
    if not 200 <= response.status < 300:
        raise Failure(f"HTTP {response.status}: {text.strip()}", code=response.status)
    return response.status


def delay_after(attempts: int) -> int | None:
    """Seconds before the try after `attempts` failed ones; None once there is no try left."""
    delays = settings.WEBHOOKS_RETRY_DELAYS
    return int(delays[attempts - 1]) if attempts - 1 < len(delays) else None


def claim(pk: int, now) -> Delivery | None:
    """The delivery `pk` if it is due and no one else is sending it; now ours for LEASE."""
    due = Delivery.objects.filter(
        pk=pk, status=Delivery.Status.PENDING, next_try_at__lte=now + timedelta(seconds=2)
    )
    if not due.update(next_try_at=now + LEASE):
        return None
    return Delivery.objects.select_related("partner").get(pk=pk)


def attempt(pk: int, now=None) -> Delivery | None:
    """Try delivery `pk` once if it is due; the delivery after the try, or None if not due."""
    now = now or timezone.now()
    delivery = claim(pk, now)
    if delivery is None:
        return None
    partner = delivery.partner
    body = signing.body_of(delivery.payload)
    headers = signing.headers(
        partner.secret, body, event=delivery.event, delivery_id=str(delivery.delivery_id)
    )
    started = time.monotonic()
    code, error = None, ""
    try:
        if not partner.active:
            raise Failure("Đối tác đã tạm ngừng: không gửi.")
        code = post(partner.url, body, headers, float(settings.WEBHOOKS_TIMEOUT))
    except Failure as failure:
        code, error = failure.code, str(failure)[:ERROR_LENGTH]
    took = int((time.monotonic() - started) * 1000)
    return record(delivery, code=code, error=error, took=took, now=now)


@transaction.atomic
def record(delivery: Delivery, *, code, error: str, took: int, now) -> Delivery:
    attempts = delivery.attempts + 1
    Attempt.objects.create(
        delivery=delivery, at=timezone.now(), status_code=code, error=error, duration_ms=took
    )
    changes = {"attempts": attempts, "last_status_code": code, "last_error": error}
    if not error:
        changes.update(status=Delivery.Status.DELIVERED, delivered_at=timezone.now())
        changes["next_try_at"] = None
    else:
        delay = delay_after(attempts) if delivery.partner.active else None
        if delay is None:
            changes.update(status=Delivery.Status.FAILED, next_try_at=None)
        else:
            changes.update(next_try_at=now + timedelta(seconds=delay))
        logger.warning(
            "Webhook %s to %s, try %s: %s", delivery.delivery_id, delivery.partner, attempts, error
        )
    Delivery.objects.filter(pk=delivery.pk).update(updated_at=timezone.now(), **changes)
    for name, value in changes.items():
        setattr(delivery, name, value)
    return delivery


def due(now=None, *, overdue: timedelta = timedelta(0)):
    """Pending deliveries whose try has come (`overdue` past it: forgotten by the queue)."""
    now = now or timezone.now()
    return Delivery.objects.filter(
        status=Delivery.Status.PENDING, next_try_at__lte=now - overdue
    ).order_by("next_try_at", "pk")


def send_due(now=None, limit: int = 500) -> dict:
    """Try every due delivery here, one after another (`manage.py send_webhooks`).

    Returns the count of each outcome: delivered, retrying, failed."""
    counts = {"delivered": 0, "retrying": 0, "failed": 0}
    for pk in due(now).values_list("pk", flat=True)[:limit]:
        delivery = attempt(pk, now)
        if delivery is None:
            continue
        if delivery.status == Delivery.Status.DELIVERED:
            counts["delivered"] += 1
        elif delivery.status == Delivery.Status.FAILED:
            counts["failed"] += 1
        else:
            counts["retrying"] += 1
    return counts


def resend(queryset, now=None) -> list[int]:
    """The admin's "Gửi lại": these deliveries are due now again, with a fresh set of tries."""
    now = now or timezone.now()
    pks = list(queryset.values_list("pk", flat=True))
    Delivery.objects.filter(pk__in=pks).update(
        status=Delivery.Status.PENDING, attempts=0, next_try_at=now, updated_at=now
    )
    return pks
