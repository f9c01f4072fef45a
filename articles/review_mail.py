"""Mail to the editors when a story is submitted for review, at most once a window.

One mail per REVIEW_NOTIFY_INTERVAL window, after commit (newsroom/staff_mail.py); the next one
reports every story that waits by then. Nothing here raises: the journalist's story is
submitted whatever mail does.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from newsroom import site_url, staff_mail
from newsroom.roles import EDITOR

from .models import Article

logger = logging.getLogger(__name__)
THROTTLE_KEY = "articles:review-notified"
ABOUT = "editors about stories to review"


def editor_addresses(*, besides=None) -> list[str]:
    """The active editors' email addresses, without the one who submitted."""
    editors = get_user_model().objects.filter(is_active=True, groups__name=EDITOR)
    if besides is not None:
        editors = editors.exclude(pk=besides.pk)
    return sorted({address for address in editors.values_list("email", flat=True) if address})


def notify_editors(article: Article, *, by) -> None:
    """Tell the editors that `article` (and any other) waits for review."""

    def compose() -> tuple[str, str]:
        waiting = Article.objects.filter(status=Article.Status.PENDING).count()
        queue = reverse("admin:articles_article_changelist") + "?state=pending"
        story = reverse("admin:articles_article_change", args=[article.pk])
        subject = f"{waiting} bài đang chờ duyệt"
        body = (
            f"{by.get_full_name() or by.get_username()} vừa gửi duyệt bài “{article.title}”:\n"
            f"{site_url.absolute(story)}\n\n"
            f"Hiện có {waiting} bài chờ duyệt: {site_url.absolute(queue)}\n"
        )
        return subject, body

    try:
        recipients = editor_addresses(besides=by)
    except Exception:
        logger.exception("Could not find the editors to mail about story %s", article.pk)
        return
    if recipients:
        staff_mail.send_once(
            THROTTLE_KEY, settings.REVIEW_NOTIFY_INTERVAL, recipients, compose, about=ABOUT
        )
