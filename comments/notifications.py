"""Mail to moderators when comments arrive: throttled, after commit, never in the reader's way."""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.urls import reverse

from .models import Comment

logger = logging.getLogger(__name__)
THROTTLE_KEY = "comments:notified"


def notify_moderators(comment: Comment) -> threading.Thread | None:
    """Mail the moderators that comments wait, at most once per COMMENT_NOTIFY_INTERVAL window.

    Returns the sending thread when mail goes out in the background, so tests can join it.
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
            f"Hiện có {waiting} bình luận chờ duyệt: {settings.SITE_URL}{queue}\n"
        )
    except Exception:
        logger.exception("Could not prepare the moderators' mail for comment %s", comment.pk)
        return None
    if not settings.COMMENT_NOTIFY_IN_BACKGROUND:
        _send(subject, body, recipients, key)
        return None
    thread = threading.Thread(target=_send, args=(subject, body, recipients, key), daemon=True)
    thread.start()
    return thread


def _send(subject: str, body: str, recipients: list[str], throttle_key: str) -> None:
    try:
        send_mail(subject[:200], body, None, recipients)
    except Exception:
        logger.exception("Could not mail moderators about new comments")
        # Not sent: the next comment tries again (and reports all that wait by then).
        try:
            cache.delete(throttle_key)
        except Exception:
            logger.exception("Could not release the moderators' mail throttle")
