"""A receiver that fails (500, then refused, then too slow) is tried again after 1 min, 5 min,
30 min... with the same signed payload, and the delivery ends delivered once it answers 2xx;
one that never recovers is given up after 6 tries. Every try is in the log."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles import workflow
from articles.models import Article
from tests.factories import make_article
from tests.webhooks.conftest import send_webhooks
from webhooks.models import Delivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(make_partner, committed, desk, section):
    """A partner, and a story just published for it: its delivery due now."""
    partner = make_partner()
    story = make_article("Mưa lớn ở Tam Đường", section=section, status=Article.Status.DRAFT)
    with committed():
        workflow.publish(story, by=desk)
    return partner, Delivery.objects.get()


def test_a_failing_receiver_is_retried_with_backoff_until_it_recovers(receiver, published):
    partner, delivery = published
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        receiver.script = [500]
        assert "1 sẽ thử lại" in send_webhooks()
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts, delivery.last_status_code) == (
            Delivery.Status.PENDING,
            1,
            500,
        )
        assert delivery.last_error == "HTTP 500: Lỗi máy chủ đối tác"
        assert delivery.next_try_at == start + timedelta(minutes=1)

        clock.shift(timedelta(seconds=50))  # not due yet
        send_webhooks()
        assert len(receiver.received) == 1

        receiver.stop()  # the partner's server is down: connection refused
        clock.shift(timedelta(seconds=11))
        send_webhooks()
        delivery.refresh_from_db()
        assert delivery.attempts == 2 and delivery.last_status_code is None
        assert "từ chối kết nối" in delivery.last_error
        assert delivery.next_try_at == start + timedelta(seconds=61 + 300)

        receiver.start()
        receiver.script = ["slow"]  # answers after our 0.5 s timeout
        clock.shift(timedelta(seconds=300))
        send_webhooks()
        delivery.refresh_from_db()
        assert delivery.attempts == 3 and "Quá thời gian chờ" in delivery.last_error
        assert delivery.next_try_at == start + timedelta(seconds=361 + 1800)

        clock.shift(timedelta(seconds=1800))
        assert "1 đã gửi" in send_webhooks()

    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.DELIVERED and delivery.attempts == 4
    assert delivery.next_try_at is None and delivery.last_error == ""
    assert [(t.status_code, bool(t.error)) for t in delivery.tries.all()] == [
        (500, True),
        (None, True),
        (None, True),
        (200, False),
    ]
    # The 500, the slow answer and the last: the same payload and delivery id, each signed.
    assert len(receiver.received) == 3
    assert len({r.body for r in receiver.received}) == 1
    assert {r.headers["x-newsroom-delivery"] for r in receiver.received} == {
        str(delivery.delivery_id)
    }
    assert all(r.signed_by(partner.secret) for r in receiver.received)


def test_a_receiver_that_never_recovers_is_given_up_after_six_tries(receiver, published):
    _, delivery = published
    receiver.script = [503] * 10
    start = timezone.now()
    waits = []
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(6):
            send_webhooks()
            delivery.refresh_from_db()
            if delivery.next_try_at:
                waits.append((delivery.next_try_at - timezone.now()).total_seconds())
                clock.move_to(delivery.next_try_at)
        clock.shift(timedelta(days=2))
        assert "0 đã gửi, 0 sẽ thử lại, 0 thất bại" in send_webhooks()
    assert waits == [60, 300, 1800, 7200, 21600]
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.get_status_display() == "Thất bại"
    assert delivery.attempts == 6 and delivery.tries.count() == 6
    assert len(receiver.received) == 6


def test_a_partner_paused_meanwhile_gets_no_more_tries(receiver, published):
    partner, delivery = published
    receiver.script = [500]
    send_webhooks()
    partner.active = False
    partner.save()
    Delivery.objects.filter(pk=delivery.pk).update(next_try_at=timezone.now())
    send_webhooks()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED and "tạm ngừng" in delivery.last_error
    assert len(receiver.received) == 1


def test_the_beat_entry_names_the_sweep_task():
    from django.conf import settings

    from newsroom.celery import app

    app.loader.import_default_modules()
    entry = settings.CELERY_BEAT_SCHEDULE["send-due-webhooks"]
    assert entry["task"] in app.tasks and entry["schedule"] == 60.0
