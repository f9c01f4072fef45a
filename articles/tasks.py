"""Background work of the articles app: picture renditions and page-view flushing."""

from datetime import timedelta

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

from newsroom.tasks import enqueue, retry_or_give_up

from . import pages
from .counters import flush_views
from .models import Image
from .uploads import RENDITION_FIELDS, delete_files


@shared_task(bind=True, max_retries=8, acks_late=True)
def make_renditions(self, image_id: int, name: str = "") -> bool:
    """Make the renditions of picture `image_id`, then let pages offer them.

    `name` is the file the renditions are for: a picture replaced meanwhile gets its own task.
    A failure is retried with backoff; the uploaded original is never touched here.
    """
    image = Image.objects.filter(pk=image_id).first()
    if image is None or (name and image.file.name != name):
        return False
    try:
        for field in RENDITION_FIELDS:
            getattr(image, field).generate(force=False)
    except Exception as exc:
        # A rendition cut off by a full disk would pass for made: none is kept for the retry.
        delete_files("", [getattr(image, field).name for field in RENDITION_FIELDS])
        retry_or_give_up(self, exc, "Could not make the renditions of picture %s", image_id)
        return False
    Image.objects.filter(pk=image_id, file=image.file.name).update(renditions_ready=True)
    # Pages showing the picture offer the renditions from now on.
    pages.site_changed()
    return True


@shared_task
def flush_view_counts() -> int:
    """Write the page views counted in the cache to the database (Celery beat runs it)."""
    return flush_views()


# A picture is queued again at most this often (its retries with backoff take about 2 hours),
# and not after a day: a file no worker can read is left as it is, its original shown.
REQUEUE_EVERY = timedelta(hours=3)
REQUEUE_FOR = timedelta(days=1)


@shared_task
def requeue_missing_renditions(older_than_minutes: int = 10) -> int:
    """Queue again the pictures whose renditions never came (a broker outage at upload)."""
    now = timezone.now()
    waiting = Image.objects.filter(
        renditions_ready=False,
        uploaded_at__lt=now - timedelta(minutes=older_than_minutes),
        uploaded_at__gt=now - REQUEUE_FOR,
    )
    count = 0
    for image_id, name in waiting.values_list("pk", "file")[:500]:
        if cache.add(f"renditions-requeued:{image_id}", 1, REQUEUE_EVERY.total_seconds()):
            enqueue(make_renditions, image_id, name)
            count += 1
    return count


@shared_task(acks_late=True)
def escalate_waiting_approvals() -> int:
    """Tell the next level up of each story waiting too long at a level (the beat, each minute)."""
    from .approvals.steps import escalate_overdue

    return escalate_overdue()
