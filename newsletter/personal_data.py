"""Subscribers' addresses are personal data (Nghị định 13/2023/NĐ-CP), kept only while needed.

A reader who leaves is erased at once (the unsubscribe link deletes the row); one who never
confirmed is erased `NEWSLETTER_CONFIRM_DAYS` after subscribing (`clear_unconfirmed`, daily
on Celery beat, or `manage.py clearnewsletterdata`); a reader's request to erase is the
admin's delete, which also erases their rows of the breaking-news mails they were sent
(`BreakingRecipient`). Nothing else of a subscriber is stored: no IP, no browser.
"""

from datetime import datetime, timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from .models import Subscriber


def clear_unconfirmed(now: datetime | None = None) -> int:
    """Erase the subscriptions never confirmed within the link's lifetime; how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.NEWSLETTER_CONFIRM_DAYS)
    gone, _ = Subscriber.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
    return gone


@shared_task
def clear_newsletter_personal_data() -> int:
    return clear_unconfirmed()
