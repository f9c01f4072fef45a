"""The purge at the moment a scheduled story goes live, run by a worker at that time."""

from celery import shared_task
from django.utils.dateparse import parse_datetime

from articles.models import Article
from newsroom.tasks import retry_or_give_up

from . import versions
from .purge import article_area


@shared_task(bind=True, max_retries=8, acks_late=True)
def purge_when_live(self, pk: int, published_at: str) -> bool:
    """Purge the pages listing stories when story `pk` goes live at `published_at`.

    A story moved to another time or taken back meanwhile has its own task (or none).
    Readers' next request finds it anyway; this also empties the caches in front of us sooner.
    """
    if not Article.objects.filter(
        pk=pk, status=Article.Status.PUBLISHED, published_at=parse_datetime(published_at)
    ).exists():
        return False
    try:
        versions.bump("stories", article_area(pk))
    except Exception as exc:
        retry_or_give_up(self, exc, "Could not purge the pages of story %s going live", pk)
        return False
    versions.schedule_changed()
    return True
