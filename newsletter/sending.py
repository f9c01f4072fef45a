"""Sending by the worker, in batches, retried with backoff: a mail server that is down delays
mail and loses none. Never from a page view: the views only enqueue.

Without a broker (CELERY_TASK_ALWAYS_EAGER) the tasks run in the calling process, which is
what `manage.py send_digest` does.
"""

import logging
from contextlib import contextmanager
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import get_connection
from django.db import DatabaseError, connection
from django.utils import timezone

from articles.frontpage.reading import compose_home
from articles.models import Article
from newsroom.tasks import enqueue, in_process, retry_or_give_up

from . import mail
from .models import Subscriber

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=8, acks_late=True)
def send_confirmation(self, pk: int) -> None:
    subscriber = Subscriber.objects.filter(pk=pk, confirmed_at__isnull=True).first()
    if subscriber is None:
        return
    try:
        mail.confirmation(subscriber).send()
    except Exception as exc:
        retry_or_give_up(self, exc, "Could not send the confirmation to subscriber %s", pk)


@contextmanager
def quick_commits():
    """While a batch marks each mail sent as it goes (one commit per mail, so a batch cut
    short sends nobody twice): on PostgreSQL, those commits do not wait for the disk
    (`synchronous_commit` off, this session only, about 8 ms saved a mail). A worker that
    dies loses no mark; only the database server crashing could lose the last fraction of a
    second's, and those few would get the mail again."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
        except DatabaseError:  # a failed transaction: rolling it back undoes the SET
            pass


def digest_stories() -> tuple[list[Article], list[Article]]:
    """The front page's main stories, and the most read of the last 24 hours (not repeated)."""
    front = compose_home().featured[: settings.NEWSLETTER_DIGEST_STORIES]
    shown = {story.pk for story in front}
    since = timezone.now() - timedelta(hours=24)
    most_read = [
        story
        for story in Article.objects.published()
        .filter(published_at__gte=since, view_count__gt=0)
        .order_by("-view_count", "-published_at")[: settings.NEWSLETTER_DIGEST_STORIES * 2]
        if story.pk not in shown
    ][: settings.NEWSLETTER_DIGEST_STORIES]
    return front, most_read


def deliver_digest(ids: list[int], front_ids: list[int], read_ids: list[int], day: str) -> None:
    """Mail the digest of `day` to these subscribers over one connection; those sent already
    that day are skipped, so a batch tried again sends nobody twice. Raises what SMTP raises."""
    stories = Article.objects.published().in_bulk([*front_ids, *read_ids])
    front = [stories[pk] for pk in front_ids if pk in stories]
    most_read = [stories[pk] for pk in read_ids if pk in stories]
    start = timezone.datetime.fromisoformat(day)
    waiting = (
        Subscriber.objects.confirmed()
        .filter(pk__in=ids, daily=True)
        .exclude(last_sent_at__gte=start)
    )
    with quick_commits(), get_connection() as smtp:
        for subscriber in waiting:
            letter = mail.digest(subscriber, front, most_read)
            letter.connection = smtp
            letter.send()
            Subscriber.objects.filter(pk=subscriber.pk).update(last_sent_at=timezone.now())


@shared_task(bind=True, max_retries=8, acks_late=True)
def send_digest_batch(self, ids: list[int], front_ids: list[int], read_ids: list[int], day: str):
    """A worker's batch of the digest, tried again with backoff while mail is down."""
    try:
        deliver_digest(ids, front_ids, read_ids, day)
    except Exception as exc:
        retry_or_give_up(self, exc, "Could not send a digest batch of %s subscribers", len(ids))


@shared_task
def send_digest_task() -> int:
    """Celery beat's entry `send-morning-digest`, at NEWSLETTER_DIGEST_TIME."""
    return send_digest()


def send_digest() -> int:
    """Today's digest to every confirmed daily subscriber, in batches; how many.

    With a broker the batches go to the workers; without one they are sent here, and a
    failure is raised to the caller (`manage.py send_digest` reports it; run again, nobody
    gets it twice)."""
    front, most_read = digest_stories()
    if not front:
        return 0
    day = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0).isoformat()
    ids = list(Subscriber.objects.confirmed().filter(daily=True).values_list("pk", flat=True))
    size = settings.NEWSLETTER_BATCH
    front_ids, read_ids = [s.pk for s in front], [s.pk for s in most_read]
    for start in range(0, len(ids), size):
        batch = ids[start : start + size]
        if in_process():
            deliver_digest(batch, front_ids, read_ids, day)
        else:
            enqueue(send_digest_batch, batch, front_ids, read_ids, day)
    return len(ids)
