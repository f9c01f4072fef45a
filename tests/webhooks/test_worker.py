"""A real Celery worker (another process) delivers a story's webhook after the publish has
answered, and tries again after the receiver's 500: through Redis and RabbitMQ."""

import os
import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article
from tests.factories import make_article
from tests.harness.env import process_env, redis_url
from tests.harness.processes import celery_broker, celery_worker, wait_until
from webhooks import tasks
from webhooks.models import Delivery

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BROKERS = {
    "redis": redis_url,
    "rabbitmq": lambda: os.environ.get(
        "CELERY_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672//"
    ),
}


def delivered(delivery) -> bool:
    return Delivery.objects.get(pk=delivery.pk).status == Delivery.Status.DELIVERED


@pytest.mark.parametrize("broker", list(BROKERS))
def test_the_worker_delivers_and_retries_after_a_500(
    settings, tmp_path, broker, receiver, make_partner, desk, chief, section, client
):
    broker_url = BROKERS[broker]()
    queue = f"newsroom-test-{uuid.uuid4().hex[:10]}"
    env = process_env(
        CELERY_BROKER_URL=broker_url,
        CELERY_TASK_DEFAULT_QUEUE=queue,
        WEBHOOKS_ALLOW_LOOPBACK="1",  # the receiver is on 127.0.0.1
        WEBHOOKS_RETRY_DELAYS="1,1",
        WEBHOOKS_TIMEOUT="2",
    )
    log = tmp_path / "worker.log"
    partner = make_partner()
    receiver.script = [500]
    story = make_article("Đường lên Sìn Hồ thông xe", section=section, status="draft")
    with celery_broker(settings, broker_url, queue):
        workflow.publish(Article.objects.get(pk=story.pk), by=desk)
        # The publish has answered; no worker runs yet, so nothing was sent.
        delivery = Delivery.objects.get()
        assert delivery.status == Delivery.Status.PENDING and receiver.received == []

        with celery_worker(env, queue, log):
            try:
                wait_until(lambda: delivered(delivery), what="the worker to deliver the webhook")
                # A delivery whose task was lost (a broker outage): the beat's sweep queues it.
                lost = Delivery.objects.create(
                    partner=partner,
                    event="story.corrected",
                    story_id=story.pk,
                    payload={"event": "story.corrected", "story": {"id": story.pk}},
                    next_try_at=timezone.now() - timedelta(minutes=5),
                )
                assert tasks.send_due_webhooks() == 1
                wait_until(lambda: delivered(lost), what="the sweep's delivery")
                # "Gửi lại" in the log: the worker sends it again, at once.
                client.force_login(chief)
                log_url = reverse("admin:webhooks_delivery_changelist")
                client.post(log_url, {"action": "resend", "_selected_action": [lost.pk]})
                wait_until(lambda: len(receiver.received) == 4, what="the resent delivery")
                wait_until(lambda: delivered(lost), what="the resent delivery's record")
            except AssertionError:
                pytest.fail(log.read_text())

    assert "webhooks.tasks.deliver" in log.read_text()
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    assert [t.status_code for t in delivery.tries.all()] == [500, 200]
    first, second, swept, resent = receiver.received
    assert swept.headers["x-newsroom-delivery"] == resent.headers["x-newsroom-delivery"]
    assert swept.headers["x-newsroom-event"] == "story.corrected"
    assert first.body == second.body and first.signed_by(partner.secret)
    assert second.signed_by(partner.secret)
    assert second.json["story"]["id"] == story.pk
    # The retry came after its delay, signed with its own time.
    assert (
        int(second.headers["x-newsroom-timestamp"])
        >= int(first.headers["x-newsroom-timestamp"]) + 1
    )
