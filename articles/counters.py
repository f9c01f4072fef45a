"""Page views, counted in the cache and added to `Article.view_count` in batches.

A page view costs one cache increment; every `VIEW_COUNT_FLUSH_EVERY`-th view of a story
writes that batch to the database, and `manage.py flush_view_counts` writes the rest. Each
batch goes to the story's total and to the hour it was written (`HourlyViews`).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import Article, HourlyViews

logger = logging.getLogger(__name__)


def view_key(pk: int) -> str:
    """The cache key counting story `pk`'s views not yet in the database."""
    return f"article-views:{pk}"


def record_view(pk: int) -> None:
    """Count one view of story `pk`; write a full batch to the database.

    A cache that is down loses the count, never the reader's page.
    """
    key = view_key(pk)
    try:
        cache.add(key, 0, timeout=None)
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: this one view is lost, nothing else
        return
    except Exception:
        logger.warning("Page view of story %s not counted: cache unavailable", pk, exc_info=True)
        return
    counted(pk, count)


def counted(pk: int, count: int) -> None:
    """Story `pk`'s count in the cache has just reached `count`: write a full batch."""
    batch = settings.VIEW_COUNT_FLUSH_EVERY
    # incr is atomic, so exactly one request sees each multiple of the batch size.
    if count % batch == 0:
        cache.decr(view_key(pk), batch)
        write_views(pk, batch)


def add_views(pk: int, views: int) -> None:
    """Count `views` views of story `pk` at once (a server's batch); write full batches.

    A cache that is down loses these views, never a reader's page.
    """
    key = view_key(pk)
    try:
        cache.add(key, 0, timeout=None)
        count = cache.incr(key, views)
        # incr is atomic: each multiple of the batch size is passed by exactly one caller.
        batch = settings.VIEW_COUNT_FLUSH_EVERY
        full = count // batch - (count - views) // batch
        if full:
            cache.decr(key, full * batch)
            write_views(pk, full * batch)
    except ValueError:  # evicted between add and incr
        return
    except Exception:
        logger.warning("%s views of story %s not counted", views, pk, exc_info=True)


HOURS_KEPT = 48


def this_hour():
    return timezone.now().replace(minute=0, second=0, microsecond=0)


def write_views(pk: int, views: int) -> None:
    """Add `views` to story `pk`'s total and to this hour's views."""
    if not Article.objects.filter(pk=pk).update(view_count=F("view_count") + views):
        return  # the story is gone
    hour = this_hour()
    rows = HourlyViews.objects.filter(article_id=pk, hour=hour)
    if rows.update(views=F("views") + views):
        return
    try:
        with transaction.atomic():
            HourlyViews.objects.create(article_id=pk, hour=hour, views=views)
    except IntegrityError:  # another server made this hour's row first
        rows.update(views=F("views") + views)


def pending_views(pks: list[int]) -> dict[int, int]:
    """Views counted in the cache and not yet in the database, by story."""
    counts = cache.get_many([view_key(pk) for pk in pks])
    return {pk: counts[view_key(pk)] for pk in pks if counts.get(view_key(pk), 0) > 0}


def flush_views(chunk: int = 1000) -> int:
    """Write every story's pending views to the database; return how many views were written.

    Views by hour older than HOURS_KEPT go at the same time.
    """
    HourlyViews.objects.filter(hour__lt=this_hour() - timedelta(hours=HOURS_KEPT)).delete()
    written = 0
    ids = Article.objects.order_by("pk").values_list("pk", flat=True)
    last = 0
    while batch := list(ids.filter(pk__gt=last)[:chunk]):
        last = batch[-1]
        for pk, count in pending_views(batch).items():
            cache.decr(view_key(pk), count)
            write_views(pk, count)
            written += count
    return written
