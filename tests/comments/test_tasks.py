"""The moderators' mail on a worker: retried with backoff while the mail server is down."""

import logging
from unittest import mock

import pytest
from celery.exceptions import Retry
from django.core import mail

from comments.tasks import mail_moderators


@pytest.fixture
def on_a_worker():
    mail_moderators.push_request(id="worker-run", called_directly=False, retries=0)
    yield mail_moderators.request
    mail_moderators.pop_request()


def test_mail_server_down_retries_later_with_backoff(settings, on_a_worker, caplog):
    settings.EMAIL_BACKEND = "tests.comments.test_notifications.FailingBackend"
    with (
        mock.patch.object(mail_moderators, "apply_async") as sent_again,
        caplog.at_level(logging.WARNING),
        pytest.raises(Retry),
    ):
        mail_moderators.run("3 bình luận đang chờ duyệt", "…", ["kiemduyet@example.com"])
    assert 24 <= sent_again.call_args.kwargs["countdown"] <= 30
    assert "Could not mail moderators" in caplog.text


def test_mail_is_sent_once_the_server_answers(on_a_worker):
    on_a_worker.retries = 3
    mail_moderators.run("3 bình luận đang chờ duyệt", "…", ["kiemduyet@example.com"])
    assert [m.to for m in mail.outbox] == [["kiemduyet@example.com"]]


def test_last_retry_gives_up_with_an_error_logged(settings, on_a_worker, caplog):
    settings.EMAIL_BACKEND = "tests.comments.test_notifications.FailingBackend"
    on_a_worker.retries = mail_moderators.max_retries
    mail_moderators.run("3 bình luận đang chờ duyệt", "…", ["kiemduyet@example.com"])
    assert [r.levelname for r in caplog.records] == ["ERROR"]
