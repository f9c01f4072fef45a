"""Background work shared by the apps: running a task later, retrying with backoff, staff mail.

Staff mail has one task here (`mail_staff`), so every worker knows it; the apps reach it
through `newsroom.staff_mail`, which also keeps the once-per-window throttle.
"""

import logging
import random

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction

logger = logging.getLogger(__name__)


def in_process() -> bool:
    """True without a broker: tasks run at once in the calling process (the embedded default)."""
    return bool(settings.CELERY_TASK_ALWAYS_EAGER)


def enqueue(task, *args, **options) -> None:
    """Run `task` once the transaction commits: in process, or on a worker through the broker.

    After commit, so a worker (another process) finds the rows, and nothing goes out for work
    that was rolled back. A broker that does not answer is logged; the caller's work stands.
    """

    def send():
        try:
            task.apply_async(args=args, **options)
        except Exception:
            logger.exception("Could not queue task %s%r", task.name, args)

    transaction.on_commit(send)


def backoff(retries: int) -> int:
    """Seconds before retry number `retries + 1`: 30 s, 1, 2, 4 ... minutes, at most an hour."""
    delay = min(settings.CELERY_RETRY_BACKOFF_MAX, 30 * 2**retries)
    return int(delay * random.uniform(0.8, 1.0))  # jitter: retries of one outage spread out


def retry_or_give_up(task, exc: Exception, message: str, *args) -> None:
    """Retry `task` later with backoff; in process or after the last try, log and give up."""
    if task.request.is_eager or task.request.retries >= task.max_retries:
        logger.error(message, *args, exc_info=exc)
        return
    logger.warning(message + " (retrying)", *args, exc_info=exc)
    raise task.retry(exc=exc, countdown=backoff(task.request.retries))


@shared_task(bind=True, max_retries=8, acks_late=True)
def mail_staff(
    self,
    recipients: list[str],
    subject: str,
    body: str,
    about: str = "staff",
    throttle_key: str = "",
) -> None:
    """Mail staff members, the site's name before the subject; retried while mail is down.

    `about` names the mail in the log ("moderators about new comments"). Given up after the
    last try, it frees its throttle window (`throttle_key`), so the next event tries again and
    reports all that waits by then. Whatever the mail does, the action that caused it stands.
    """
    try:
        send_mail(f"[{settings.SITE_NAME}] {subject}"[:200], body, None, recipients)
    except Exception as exc:
        retry_or_give_up(self, exc, "Could not mail %s to %s", about, ", ".join(recipients))
        if throttle_key:
            try:
                cache.delete(throttle_key)
            except Exception:
                logger.exception("Could not release the throttle of the mail to %s", about)
