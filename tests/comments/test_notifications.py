"""Mail to moderators: sent after the comment is stored, throttled, never in the reader's way."""

import logging
import threading
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from comments.models import Comment
from comments.notifications import notify_moderators
from tests.comments.helpers import POST_URL, comment_data
from tests.factories import make_article, make_comment
from tests.harness.ports import free_port

pytestmark = pytest.mark.django_db

RELEASE = threading.Event()


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("máy chủ thư không trả lời")


class StuckBackend(BaseEmailBackend):
    """A mail server that answers only when the test lets it."""

    def send_messages(self, messages):
        RELEASE.wait(timeout=10)
        mail.outbox.extend(messages)
        return len(messages)


@pytest.fixture
def moderators(settings):
    settings.COMMENT_MODERATOR_EMAILS = ["kiemduyet@example.com", "bientap@example.com"]
    settings.COMMENT_NOTIFY_IN_BACKGROUND = False
    settings.COMMENT_NOTIFY_INTERVAL = 300
    settings.SITE_NAME = "Báo Lai Châu"


def test_moderators_get_a_mail_when_a_comment_arrives(
    client, moderators, django_capture_on_commit_callbacks
):
    article = make_article("Mùa lúa mới")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(POST_URL, comment_data(article, name="Lò Văn Sơn", body="Tin vui"))

    [message] = mail.outbox
    assert message.to == ["kiemduyet@example.com", "bientap@example.com"]
    assert message.subject == "[Báo Lai Châu] 1 bình luận đang chờ duyệt"
    assert "Lò Văn Sơn" in message.body and "Mùa lúa mới" in message.body
    assert "/admin/comments/comment/?status__exact=pending" in message.body


def test_mail_is_throttled_then_reports_all_waiting(
    client, moderators, django_capture_on_commit_callbacks
):
    article = make_article()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for n in range(3):
            with django_capture_on_commit_callbacks(execute=True):
                client.post(POST_URL, comment_data(article, body=f"Ý kiến {n}"))
        assert len(mail.outbox) == 1

        clock.shift(timedelta(seconds=301))
        with django_capture_on_commit_callbacks(execute=True):
            client.post(POST_URL, comment_data(article, body="Ý kiến sau"))
    assert len(mail.outbox) == 2
    assert "4 bình luận đang chờ duyệt" in mail.outbox[1].subject


def test_no_mail_for_spam_or_without_recipients(client, settings, moderators):
    article = make_article()
    assert notify_moderators(make_comment(article, status=Comment.Status.SPAM)) is None
    settings.COMMENT_MODERATOR_EMAILS = []
    assert notify_moderators(make_comment(article, status=Comment.Status.PENDING)) is None
    assert mail.outbox == []


def test_failing_mail_server_never_fails_the_post(
    client, settings, moderators, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.comments.test_notifications.FailingBackend"
    article = make_article()
    with (
        caplog.at_level(logging.ERROR, logger="comments.notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(POST_URL, comment_data(article, body="Vẫn được lưu"))

    assert response.status_code == 302
    assert Comment.objects.get().body == "Vẫn được lưu"
    assert "Could not mail moderators" in caplog.text


def test_mail_goes_out_in_the_background_without_holding_the_reader(settings, moderators):
    settings.COMMENT_NOTIFY_IN_BACKGROUND = True
    settings.EMAIL_BACKEND = "tests.comments.test_notifications.StuckBackend"
    RELEASE.clear()
    comment = make_comment(make_article(), status=Comment.Status.PENDING)

    thread = notify_moderators(comment)

    # The mail server has not answered, yet the caller already has control back.
    assert thread.is_alive()
    assert mail.outbox == []
    RELEASE.set()
    thread.join(timeout=10)
    assert len(mail.outbox) == 1


def test_background_mail_failure_is_logged_not_raised(settings, moderators, caplog):
    settings.COMMENT_NOTIFY_IN_BACKGROUND = True
    settings.EMAIL_BACKEND = "tests.comments.test_notifications.FailingBackend"
    comment = make_comment(make_article(), status=Comment.Status.PENDING)
    with caplog.at_level(logging.ERROR, logger="comments.notifications"):
        notify_moderators(comment).join(timeout=10)
    assert "Could not mail moderators" in caplog.text


def test_mail_server_down_keeps_the_comment_logs_and_retries_with_the_next_one(
    client, settings, moderators, caplog, django_capture_on_commit_callbacks
):
    """A real SMTP connection to a port where no mail server listens."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    article = make_article()
    with (
        caplog.at_level(logging.ERROR, logger="comments.notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(POST_URL, comment_data(article, body="Thư không đi được"))
    assert response.status_code == 302
    assert Comment.objects.get().body == "Thư không đi được"
    assert "Could not mail moderators" in caplog.text

    # The mail server is back: the next comment's mail goes out, not throttled by the failure.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(POST_URL, comment_data(article, body="Thư đi được rồi"))
    assert len(mail.outbox) == 1
    assert "2 bình luận đang chờ duyệt" in mail.outbox[0].subject
