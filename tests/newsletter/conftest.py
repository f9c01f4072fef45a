"""A real SMTP server on loopback (aiosmtpd) for the newsletter's tests, and the queue run."""

from email import message_from_bytes
from email.policy import default

import pytest
from aiosmtpd.controller import Controller

from tests.harness.ports import free_port


class Inbox:
    """What the server took; with `refuse_after`, it answers 451 (try later) past that many."""

    def __init__(self):
        self.mails = []
        self.refuse_after = None

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_after is not None and len(self.mails) >= self.refuse_after:
            return "451 Requested action aborted: try again later"
        self.mails.append(message_from_bytes(envelope.content, policy=default))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    port = free_port()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.SITE_URL = "https://baolaichau.test"
    yield inbox
    server.stop()


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run `action` with what it queues sent at once (the tasks run in process, no broker)."""

    def running(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return running
