"""Mail to moderators when comments arrive: throttled, after commit, never in the reader's way."""

import logging
import threading
import time
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from newsroom import site_url
from newsroom.tasks import enqueue, in_process

from .models import Comment
from .tasks import mail_moderators

logger = logging.getLogger(__name__)
THROTTLE_KEY = "comments:notified"


def notify_moderators(comment: Comment, *, origin: str = "") -> threading.Thread | None:
    """Mail the moderators that comments wait, at most once per COMMENT_NOTIFY_INTERVAL window.

    `origin` is where the site was reached (newsroom/site_url.py) when known.
    Returns the sending thread when mail goes out in a thread, so tests can join it.
    Nothing here raises: the reader's comment is already stored and they were told so.
    """
    recipients = settings.COMMENT_MODERATOR_EMAILS
    if not recipients or comment.status != Comment.Status.PENDING:
        return None
    try:
        # One mail per interval; the next one reports everything that waits by then. The
        # interval is in the key, so the cache server's clock and ours need not agree.
        interval = max(settings.COMMENT_NOTIFY_INTERVAL, 1)
        key = f"{THROTTLE_KEY}:{int(time.time() // interval)}"
        if not cache.add(key, 1, timeout=interval):
            return None
        waiting = Comment.objects.pending().count()
        queue = reverse("admin:comments_comment_changelist") + "?status__exact=pending"
        subject = f"[{settings.SITE_NAME}] {waiting} bình luận đang chờ duyệt"
        body = (
            f"Bình luận mới của {comment.name} về bài “{comment.article.title}”:\n\n"
            f"{comment.body[:500]}\n\n"
            f"Hiện có {waiting} bình luận chờ duyệt: {origin or site_url.origin()}{queue}\n"
        )
    except Exception:
        logger.exception("Could not prepare the moderators' mail for comment %s", comment.pk)
        return None
    send = partial(enqueue, mail_moderators, subject, body, recipients, key)
    # With a broker a worker sends it; in process, a thread keeps a slow mail server away
    # from the reader.
    if not (in_process() and settings.COMMENT_NOTIFY_IN_BACKGROUND):
        send()
        return None
    thread = threading.Thread(target=send, daemon=True)
    thread.start()
    return thread
