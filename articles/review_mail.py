"""Mail to the editors when a story is submitted for review: throttled like the moderators'.

One mail per REVIEW_NOTIFY_INTERVAL window, after commit; the next one reports every story
that waits by then. Nothing here raises: the journalist's story is submitted whatever mail does.
"""

import logging
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse

from newsroom import site_url
from newsroom.roles import EDITOR
from newsroom.tasks import enqueue

from .models import Article
from .tasks import mail_editors

logger = logging.getLogger(__name__)
THROTTLE_KEY = "articles:review-notified"


def editor_addresses(*, besides=None) -> list[str]:
    """The active editors' email addresses, without the one who submitted."""
    editors = get_user_model().objects.filter(is_active=True, groups__name=EDITOR)
    if besides is not None:
        editors = editors.exclude(pk=besides.pk)
    return sorted({address for address in editors.values_list("email", flat=True) if address})


def notify_editors(article: Article, *, by) -> None:
    """Tell the editors that `article` (and any other) waits for review."""
    try:
        recipients = editor_addresses(besides=by)
        if not recipients:
            return
        # The interval is in the key, so the cache server's clock and ours need not agree.
        interval = max(settings.REVIEW_NOTIFY_INTERVAL, 1)
        key = f"{THROTTLE_KEY}:{int(time.time() // interval)}"
        if not cache.add(key, 1, timeout=interval):
            return
        waiting = Article.objects.filter(status=Article.Status.PENDING).count()
        queue = reverse("admin:articles_article_changelist") + "?state=pending"
        story = reverse("admin:articles_article_change", args=[article.pk])
        subject = f"[{settings.SITE_NAME}] {waiting} bài đang chờ duyệt"
        body = (
            f"{by.get_full_name() or by.get_username()} vừa gửi duyệt bài “{article.title}”:\n"
            f"{site_url.absolute(story)}\n\n"
            f"Hiện có {waiting} bài chờ duyệt: {site_url.absolute(queue)}\n"
        )
    except Exception:
        logger.exception("Could not prepare the editors' mail for story %s", article.pk)
        return
    enqueue(mail_editors, subject, body, recipients, key)
