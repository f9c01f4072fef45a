"""The breaking-news mail about one story: who may send it, the audience on record, the
batches, and sending what a mail server that was down left unsent.

Once per story. The editor-in-chief and the deputies (permission `send_breaking_mail`) send
it, and so does the duty editor of the approval chain's rota, while on duty. Every recipient
is on record (`BreakingRecipient`) from the confirmation on; a batch marks each one it
reaches, so a batch tried again, or resumed later, sends nobody twice and loses nobody.
"""

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from articles.approvals.chain import APPROVER, on_duty
from articles.models import Article
from newsroom.tasks import enqueue, in_process, retry_or_give_up

from . import mail
from .models import BreakingMail, BreakingRecipient, Subscriber
from .sending import quick_commits

logger = logging.getLogger(__name__)

PERMISSION = "newsletter.send_breaking_mail"
REFUSED = "Chỉ Tổng biên tập (hoặc người đang trực ban) được gửi thư tin nóng."


def may_send(user) -> bool:
    """The editor-in-chief and the deputies; and the duty editor, only while on duty (one of
    the chain's approvers: the rota takes no one else)."""
    if not (user.is_active and user.is_staff):
        return False
    if user.has_perm(PERMISSION):
        return True
    return user.has_perm(APPROVER) and user.pk in on_duty()


class AlreadySent(Exception):
    """This story's breaking-news mail went out already: once per story."""


def audience():
    """The confirmed subscribers who asked for breaking news."""
    return Subscriber.objects.confirmed().filter(breaking=True)


def waiting(record: BreakingMail):
    """The recipients of `record` not reached yet who still want it."""
    return record.deliveries.filter(
        sent_at__isnull=True, subscriber__confirmed_at__isnull=False, subscriber__breaking=True
    )


def progress(record: BreakingMail) -> dict[str, int]:
    """How many of its recipients it reached, and how many wait still (one query)."""
    return BreakingRecipient.objects.filter(mail=record).aggregate(
        sent=Count("pk", filter=Q(sent_at__isnull=False)),
        left=Count(
            "pk",
            filter=Q(
                sent_at__isnull=True,
                subscriber__confirmed_at__isnull=False,
                subscriber__breaking=True,
            ),
        ),
    )


def deliver(ids: list[int], story_id: int) -> int:
    """Mail story `story_id` to these recipients (`BreakingRecipient` ids) not reached yet,
    over one connection; how many it sent. Raises what SMTP raises: those before stay marked.

    Each one is taken under a row lock (skipped if another worker holds it, on PostgreSQL),
    sent, then marked, so two batches never mail one person twice."""
    story = Article.objects.published().filter(pk=story_id).first()
    if story is None:
        return 0  # no longer public: what is left unsent stays unsent
    sent = 0
    with quick_commits(), get_connection() as smtp:
        for pk in ids:
            with transaction.atomic():
                row = (
                    BreakingRecipient.objects.select_for_update(skip_locked=True, of=("self",))
                    .select_related("subscriber")
                    .filter(pk=pk, sent_at__isnull=True)
                    .filter(subscriber__confirmed_at__isnull=False, subscriber__breaking=True)
                    .first()
                )
                if row is None:
                    continue
                letter = mail.breaking(row.subscriber, story)
                letter.connection = smtp
                letter.send()
                BreakingRecipient.objects.filter(pk=pk).update(sent_at=timezone.now())
                sent += 1
    return sent


@shared_task(bind=True, max_retries=8, acks_late=True)
def send_breaking_batch(self, ids: list[int], story_id: int) -> None:
    """A batch of the breaking-news mail, tried again with backoff while mail is down; given
    up, its recipients stay unsent on the desk's page until someone resumes."""
    try:
        deliver(ids, story_id)
    except Exception as exc:
        retry_or_give_up(self, exc, "Could not send a breaking-news batch of %s", len(ids))


def _queue(record: BreakingMail, ids: list[int]) -> None:
    size = settings.NEWSLETTER_BATCH
    for start in range(0, len(ids), size):
        enqueue(send_breaking_batch, ids[start : start + size], record.article_id)


def send_breaking(story: Article, *, by) -> BreakingMail:
    """Put the audience of `story`'s breaking-news mail on record and queue it, once per
    story. Always through the queue (a worker, or in process once committed), never in
    the view."""
    with transaction.atomic():
        if BreakingMail.objects.select_for_update().filter(article=story).exists():
            raise AlreadySent
        people = list(audience().values_list("pk", flat=True))
        record = BreakingMail.objects.create(article=story, sent_by=by, recipients=len(people))
        BreakingRecipient.objects.bulk_create(
            (BreakingRecipient(mail=record, subscriber_id=pk) for pk in people),
            batch_size=1000,
        )
        _queue(record, list(record.deliveries.values_list("pk", flat=True)))
    return record


def resume(record: BreakingMail) -> int:
    """Queue again what `record` has not sent yet (the desk's "Gửi tiếp"); how many."""
    ids = list(waiting(record).order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        _queue(record, ids)
    return len(ids)


def unfinished():
    """The breaking-news mails about stories still public with someone still waiting."""
    return (
        BreakingMail.objects.filter(article__in=Article.objects.published())
        .filter(
            deliveries__sent_at__isnull=True,
            deliveries__subscriber__confirmed_at__isnull=False,
            deliveries__subscriber__breaking=True,
        )
        .distinct()
        .select_related("article")
        .order_by("sent_at")
    )


def resume_here(record: BreakingMail) -> int:
    """Send what `record` has left in this process, batch after batch (`manage.py
    send_breaking --resume` without a broker); how many. Raises what SMTP raises."""
    ids = list(waiting(record).order_by("pk").values_list("pk", flat=True))
    size = settings.NEWSLETTER_BATCH
    return sum(
        deliver(ids[start : start + size], record.article_id) for start in range(0, len(ids), size)
    )


def resume_all() -> list[tuple[BreakingMail, int]]:
    """Every unfinished breaking-news mail sent on: here without a broker (raising what SMTP
    raises), else queued for the workers. Each mail with how many it had left."""
    done = []
    for record in unfinished():
        done.append((record, resume_here(record) if in_process() else resume(record)))
    return done
