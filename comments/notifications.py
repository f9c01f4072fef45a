"""Mail to moderators when comments arrive: at most once a window, never in the reader's way.

One mail per COMMENT_NOTIFY_INTERVAL window, after commit (newsroom/staff_mail.py); the next
one reports every comment that waits by then. Nothing here raises: the reader's comment is
already stored and they were told so.
"""

import threading

from django.conf import settings
from django.urls import reverse

from newsroom import site_url, staff_mail

from .models import Comment

THROTTLE_KEY = "comments:notified"
ABOUT = "moderators about new comments"


def notify_moderators(comment: Comment, *, origin: str = "") -> threading.Thread | None:
    """Mail the moderators that comments wait, at most once per COMMENT_NOTIFY_INTERVAL window.

    `origin` is where the site was reached (newsroom/site_url.py) when known.
    Returns the sending thread when mail goes out in a thread, so tests can join it.
    """
    recipients = settings.COMMENT_MODERATOR_EMAILS
    if not recipients or comment.status != Comment.Status.PENDING:
        return None

    def compose() -> tuple[str, str]:
        waiting = Comment.objects.pending().count()
        queue = reverse("admin:comments_comment_changelist") + "?status__exact=pending"
        subject = f"{waiting} bình luận đang chờ duyệt"
        body = (
            f"Bình luận mới của {comment.name} về bài “{comment.article.title}”:\n\n"
            f"{comment.body[:500]}\n\n"
            f"Hiện có {waiting} bình luận chờ duyệt: {origin or site_url.origin()}{queue}\n"
        )
        return subject, body

    # With a broker a worker sends it; in process, a thread keeps a slow mail server away
    # from the reader.
    return staff_mail.send_once(
        THROTTLE_KEY,
        settings.COMMENT_NOTIFY_INTERVAL,
        recipients,
        compose,
        about=ABOUT,
        background=settings.COMMENT_NOTIFY_IN_BACKGROUND,
    )
