"""The worker's side of the webhooks: one task per delivery, and the beat's sweep.

`deliver` tries a delivery once and, if it is to be tried again, queues itself for that
moment (`eta`): the retries follow WEBHOOKS_RETRY_DELAYS, not Celery's own backoff, so the
log's "thử lại lúc" is when the next try comes. A task lost on the way (a broker outage, a
worker killed) leaves its delivery due; `send_due_webhooks` (the beat, each minute) queues
again what is overdue. A delivery claimed by one try is skipped by any other (sending.claim).
"""

import logging
from datetime import timedelta

from celery import shared_task
from django.core.cache import cache

from newsroom.tasks import in_process

from . import sending
from .models import Delivery

logger = logging.getLogger(__name__)

# Overdue this long (past the claim's lease), a delivery's task is taken as lost.
OVERDUE = sending.LEASE + timedelta(seconds=30)


def queue_next(delivery: Delivery) -> None:
    if delivery.status != Delivery.Status.PENDING or delivery.next_try_at is None:
        return
    try:
        deliver.apply_async((delivery.pk,), eta=delivery.next_try_at)
    except Exception:  # the sweep queues it again once it is overdue
        logger.exception("Could not queue the next try of webhook delivery %s", delivery.pk)


@shared_task(acks_late=True, ignore_result=True)
def deliver(pk: int) -> str:
    """Try delivery `pk` once (if due); queue its next try. Returns its status."""
    delivery = sending.attempt(pk)
    if delivery is None:
        return "not-due"
    if not in_process():
        queue_next(delivery)
    return delivery.status


@shared_task(ignore_result=True)
def send_due_webhooks() -> int:
    """The beat's sweep: queue again the deliveries whose task was lost; how many."""
    if in_process():
        return sum(sending.send_due().values())
    count = 0
    for pk in sending.due(overdue=OVERDUE).values_list("pk", flat=True)[:500]:
        if cache.add(f"webhook-requeued:{pk}", 1, OVERDUE.total_seconds()):
            deliver.apply_async((pk,))
            count += 1
    return count
