"""Mail to the staff, one way for every app: after commit, by one task, at most once a window.

- `send` mails once the transaction commits, by the one task (`newsroom.tasks.mail_staff`),
  which puts the site's name before the subject and retries with backoff while mail is down.
- `send_once` does so at most once per `window` seconds for a `key`: the first event of a
  window mails, the others of that window do not (the mail then reports all that waits). The
  window's number is in the cache key, so the cache server's clock and ours need not agree. A
  mail given up after its retries frees its window, so the next event tries again.
- Nothing here raises: the action that asks for mail stands whatever mail does.

The apps choose the recipients and write the wording; this module knows no app.
"""

import logging
import threading
import time
from collections.abc import Callable
from functools import partial

from django.core.cache import cache

from .tasks import enqueue, in_process, mail_staff

logger = logging.getLogger(__name__)


def send(recipients: list[str], subject: str, body: str, *, about: str, throttle_key="") -> None:
    """Mail `recipients` once the transaction commits; `about` names the mail in the log."""
    enqueue(mail_staff, list(recipients), subject, body, about, throttle_key)


def window_key(key: str, window: int) -> str:
    """The cache key of the current `window` (seconds) for throttle `key`."""
    return f"{key}:{int(time.time() // window)}"


def send_once(
    key: str,
    window: int,
    recipients: list[str],
    compose: Callable[[], tuple[str, str]],
    *,
    about: str,
    background: bool = False,
) -> threading.Thread | None:
    """Mail `recipients` the (subject, body) that `compose()` gives, once per window for `key`.

    `compose` runs only for the first event of a window, so the others cost no query. With
    `background` and no broker, a thread queues the mail (a slow mail server is then no one's
    wait); that thread is returned so tests can join it. Otherwise returns None.
    """
    try:
        window = max(int(window), 1)
        claimed = window_key(key, window)
        if not cache.add(claimed, 1, timeout=window):
            return None
        subject, body = compose()
    except Exception:
        logger.exception("Could not prepare the mail to %s", about)
        return None
    job = partial(send, recipients, subject, body, about=about, throttle_key=claimed)
    if not (background and in_process()):
        job()
        return None
    thread = threading.Thread(target=job, daemon=True)
    thread.start()
    return thread
