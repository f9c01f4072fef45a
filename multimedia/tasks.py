"""Background work of the media pipeline: preparing an upload for readers, and catching up."""

import logging
from datetime import timedelta

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

from newsroom.tasks import enqueue, retry_or_give_up

from . import transcode
from .models import MediaFile
from .signals import announce

logger = logging.getLogger(__name__)


def _give_up(media_id: int, name: str, error: str) -> None:
    failed = MediaFile.objects.filter(pk=media_id, original=name, state=MediaFile.State.PREPARING)
    if failed.update(state=MediaFile.State.FAILED, error=error[:2000]):
        announce(MediaFile.objects.get(pk=media_id))


@shared_task(bind=True, max_retries=3, acks_late=True)
def prepare_media(self, media_id: int, name: str) -> bool:
    """Make the renditions of media file `media_id`, then mark it ready (or failed).

    `name` is the original the work is for: a file replaced meanwhile gets its own task.
    A file ffmpeg cannot read fails at once, its error kept for the desk; a storage outage
    is retried with backoff. Only the row as it was queued is updated.
    """
    media = MediaFile.objects.filter(pk=media_id, original=name).first()
    if media is None or media.state != MediaFile.State.PREPARING:
        return False
    try:
        result = transcode.prepare(media.kind, name, media.pk)
    except transcode.TranscodeError as exc:
        logger.warning("Could not prepare media file %s: %s", media_id, exc)
        _give_up(media_id, name, str(exc))
        return False
    except Exception as exc:
        retry_or_give_up(self, exc, "Could not prepare media file %s", media_id)
        _give_up(media_id, name, "Lỗi khi lưu tệp, đã thử lại nhiều lần.")
        return False
    old = transcode.Result(renditions=media.renditions, poster=media.poster.name)
    done = MediaFile.objects.filter(pk=media_id, original=name).update(
        state=MediaFile.State.READY,
        renditions=result.renditions,
        sizes=result.sizes,
        poster=result.poster,
        duration=result.duration or media.duration,
        width=result.width,
        height=result.height,
        error="",
    )
    if not done:  # replaced or deleted meanwhile: its work is not needed
        transcode.delete(result)
        return False
    transcode.delete(old)
    announce(MediaFile.objects.get(pk=media_id))
    return True


def queue(media: MediaFile) -> None:
    """Prepare `media` after the transaction commits: in process, or on a worker."""
    enqueue(prepare_media, media.pk, media.original.name)


# A file is queued again at most this often, and not after a day (its error stays to read).
REQUEUE_EVERY = timedelta(hours=3)
REQUEUE_FOR = timedelta(days=1)


@shared_task
def requeue_stuck_media() -> int:
    """Queue again the files still preparing well past their transcode's timeout."""
    now = timezone.now()
    waiting = MediaFile.objects.filter(
        state=MediaFile.State.PREPARING, uploaded_at__gt=now - REQUEUE_FOR
    )
    count = 0
    for pk, name, duration, uploaded_at in waiting.values_list(
        "pk", "original", "duration", "uploaded_at"
    )[:500]:
        # Twice its timeout: a long file still in the works is left to its worker.
        if uploaded_at > now - timedelta(seconds=2 * transcode.timeout_for(duration)):
            continue
        if cache.add(f"media-requeued:{pk}", 1, REQUEUE_EVERY.total_seconds()):
            enqueue(prepare_media, pk, name)
            count += 1
    return count
