"""Background work of the comments app: the moderators' mail."""

import logging

from celery import shared_task
from django.core.cache import cache
from django.core.mail import send_mail

from newsroom.tasks import retry_or_give_up

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=8, acks_late=True)
def mail_moderators(self, subject: str, body: str, recipients: list[str], throttle_key: str = ""):
    """Tell the moderators that comments wait; retried with backoff while mail is down."""
    try:
        send_mail(subject[:200], body, None, recipients)
    except Exception as exc:
        retry_or_give_up(self, exc, "Could not mail moderators about new comments")
        # Given up: the next comment tries again (and reports all that wait by then).
        if throttle_key:
            try:
                cache.delete(throttle_key)
            except Exception:
                logger.exception("Could not release the moderators' mail throttle")
