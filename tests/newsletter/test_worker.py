"""A real Celery worker (another process, through Redis) sends the morning digest, and a
breaking-news mail, while the mail server is down at first: its batches are retried with
backoff, and once the server is up every subscriber gets exactly one mail, its unsubscribe
headers and links right."""

import re
import uuid

import pytest
from aiosmtpd.controller import Controller
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsletter.models import Subscriber
from newsletter.sending import send_digest
from tests.desk_users import editor_in_chief
from tests.factories import make_article
from tests.harness.env import process_env, redis_url
from tests.harness.ports import free_port
from tests.harness.processes import celery_broker, celery_worker, wait_until

from .conftest import Inbox
from .test_flows import body, link

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SITE = "https://baolaichau.test"
BATCH_TASK = "newsletter.sending.send_digest_batch"


def finished(log, task: str = BATCH_TASK) -> int:
    """How many batches of `task` the worker finished."""
    return len(re.findall(rf"{task}\[[^\]]+\] succeeded", log.read_text()))


def worker_env(settings, port: int) -> tuple[str, dict[str, str]]:
    """A queue of the test's own, and a worker's settings: mail to `port`, retries a second
    apart (not 30 s, 1, 2 ... minutes), the site's address and key (its links are signed)."""
    settings.SITE_URL = SITE
    queue = f"newsroom-test-{uuid.uuid4().hex[:10]}"
    return queue, process_env(
        CELERY_BROKER_URL=redis_url(),
        CELERY_TASK_DEFAULT_QUEUE=queue,
        CELERY_RETRY_BACKOFF_MAX="1",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        EMAIL_TIMEOUT="5",
        SITE_URL=SITE,
        SECRET_KEY=settings.SECRET_KEY,
    )


def test_a_worker_retries_the_digest_until_the_mail_server_is_up(settings, tmp_path):
    story = make_article("Chợ phiên Tam Đường")
    now = timezone.now()
    Subscriber.objects.bulk_create(
        Subscriber(email=f"ban{i}@example.vn", confirmed_at=now) for i in range(5)
    )
    settings.NEWSLETTER_BATCH = 2  # three batches
    port = free_port()  # nobody listens there yet: the mail server is down
    queue, env = worker_env(settings, port)
    log = tmp_path / "worker.log"
    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    with celery_broker(settings, redis_url(), queue), celery_worker(env, queue, log):
        assert send_digest() == 5
        try:
            wait_until(
                lambda: log.read_text().count("(retrying)") >= 3,
                what="every batch to meet the closed port and be retried",
            )
            assert not inbox.mails
            assert not Subscriber.objects.filter(last_sent_at__isnull=False).exists()
            server.start()
            try:
                wait_until(
                    lambda: not Subscriber.objects.filter(last_sent_at__isnull=True).exists(),
                    what="the retried batches to reach everyone",
                )
                wait_until(lambda: finished(log) >= 3, what="every batch to finish")
            finally:
                server.stop()
        except AssertionError:
            pytest.fail(log.read_text())

    assert "Retry in" in log.read_text() and finished(log) == 3
    assert sorted(mail["To"] for mail in inbox.mails) == [f"ban{i}@example.vn" for i in range(5)]
    reader = Client()
    for letter in inbox.mails:
        assert "Bản tin sáng" in letter["Subject"]
        assert f"{SITE}{story.get_absolute_url()}" in body(letter)
        leave = link(letter, "/ban-tin/huy/")
        assert letter["List-Unsubscribe"].strip() == f"<{SITE}{leave}>"
        assert letter["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "Hủy nhận" in reader.get(leave).text
    assert reader.get(story.get_absolute_url()).status_code == 200
    # The unsubscribe link in one mail erases that reader, and only that one.
    reader.post(
        link(inbox.mails[0], "/ban-tin/huy/"),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert Subscriber.objects.count() == 4
    assert not Subscriber.objects.filter(email=inbox.mails[0]["To"]).exists()


def test_a_worker_retries_the_breaking_mail_and_the_desk_counts_down(client, settings, tmp_path):
    story = make_article("Mưa đá ở Phong Thổ")
    now = timezone.now()
    Subscriber.objects.bulk_create(
        Subscriber(email=f"ban{i}@example.vn", confirmed_at=now, breaking=True) for i in range(3)
    )
    settings.NEWSLETTER_BATCH = 2
    port = free_port()
    queue, env = worker_env(settings, port)
    log = tmp_path / "worker.log"
    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    client.force_login(editor_in_chief())
    page = reverse("newsletter_desk:breaking", args=[story.pk])
    with celery_broker(settings, redis_url(), queue), celery_worker(env, queue, log):
        client.post(page)
        try:
            wait_until(lambda: log.read_text().count("(retrying)") >= 2, what="the retries")
            assert "Còn <strong>3</strong> người chưa nhận" in client.get(page).text
            server.start()
            try:
                wait_until(
                    lambda: finished(log, "newsletter.breaking.send_breaking_batch") >= 2,
                    what="both batches to finish",
                )
            finally:
                server.stop()
        except AssertionError:
            pytest.fail(log.read_text())
    assert sorted(mail["To"] for mail in inbox.mails) == [f"ban{i}@example.vn" for i in range(3)]
    assert all(f"{SITE}{story.get_absolute_url()}" in body(mail) for mail in inbox.mails)
    assert "Còn <strong>" not in client.get(page).text
