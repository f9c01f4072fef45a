"""The comments app's scheduled work (Celery beat: newsroom/settings.py CELERY_BEAT_SCHEDULE)."""

import logging

from celery import shared_task

from . import personal_data

logger = logging.getLogger(__name__)


@shared_task(name="comments.tasks.clear_comment_personal_data", acks_late=True)
def clear_comment_personal_data() -> int:
    """Daily: clear commenters' emails and IPs past COMMENT_PERSONAL_DAYS (Nghị định 13/2023)."""
    cleared = personal_data.clear_old()
    logger.info("Cleared the personal data of %s comments", cleared.comments)
    return cleared.comments
