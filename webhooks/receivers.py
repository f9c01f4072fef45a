"""A delivery for each partner wanting the event, from `articles.events.public_version`.

The signal comes once the story's change is committed (inside the request that made it, or
a worker's task); here the deliveries are only written, their payload fixed, and handed to
the worker once they are committed. Nothing is POSTed here: without a broker they wait for
`manage.py send_webhooks`.

Events: published and went live → story.published; corrected → story.corrected;
unpublished → story.unpublished (a partner that republished a story must take it down too;
not sent for a scheduled story that never went live); taken down → story.taken_down.
An edit of a public story is not sent (partners read the content API for the words).
"""

import logging
import uuid
from datetime import timedelta

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from articles import events
from newsroom.tasks import enqueue, in_process

from . import payloads
from .models import Delivery, Event, Partner

logger = logging.getLogger(__name__)

EVENT_NAMES = {
    events.PUBLISHED: Event.PUBLISHED,
    events.WENT_LIVE: Event.PUBLISHED,
    events.CORRECTED: Event.CORRECTED,
    events.UNPUBLISHED: Event.UNPUBLISHED,
    events.TAKEN_DOWN: Event.TAKEN_DOWN,
}
# A publish told twice this close (a save and its go-live task, the catch-up) is one delivery.
REPEAT_WINDOW = timedelta(minutes=2)
ONCE = {Event.PUBLISHED, Event.UNPUBLISHED}


def queue(article, event: str, *, correction=None, now=None) -> list[Delivery]:
    """Write the deliveries of `event` (articles.events') for `article`; hand them to the
    worker once committed. Returns them."""
    name = EVENT_NAMES.get(event)
    if name is None:
        return []
    now = now or timezone.now()
    if name == Event.UNPUBLISHED and (article.published_at is None or article.published_at > now):
        return []  # a scheduled story called back before its time: no partner ever had it
    partners = [partner for partner in Partner.objects.filter(active=True) if partner.wants(name)]
    if not partners:
        return []
    latest = {}
    if name in ONCE:
        recent = Delivery.objects.filter(
            story_id=article.pk, partner__in=partners, created_at__gte=now - REPEAT_WINDOW
        ).order_by("created_at", "pk")
        latest = dict(recent.values_list("partner_id", "event"))
    made = []
    with transaction.atomic():
        for partner in partners:
            if latest.get(partner.pk) == name:
                continue
            delivery_id = uuid.uuid4()
            made.append(
                Delivery.objects.create(
                    delivery_id=delivery_id,
                    partner=partner,
                    event=name,
                    story_id=article.pk,
                    story_title=article.title[:250],
                    payload=payloads.payload(
                        name, article, delivery_id=str(delivery_id), correction=correction, now=now
                    ),
                    next_try_at=now,
                )
            )
        if not in_process():
            from .tasks import deliver

            for delivery in made:
                enqueue(deliver, delivery.pk)
    return made


@receiver(events.public_version)
def public_version(sender, article, event, by=None, correction=None, **kwargs):
    # The story's change is committed already: a webhook problem must not fail its request.
    try:
        queue(article, event, correction=correction)
    except Exception:
        logger.exception("Could not queue the webhooks of story %s (%s)", article.pk, event)


def catch_up(now=None) -> int:
    """Deliveries for the stories that went live at their time with nobody to tell us.

    With a broker, a scheduled story going live sends WENT_LIVE (articles.pages). Without one
    nothing does: `manage.py send_webhooks` first writes the story.published deliveries of
    the stories that went live in the last day, after the partner was registered, and that
    it has none for since their publish time."""
    from articles.models import Article

    now = now or timezone.now()
    partners = [p for p in Partner.objects.filter(active=True) if p.wants(Event.PUBLISHED)]
    if not partners:
        return 0
    since = min(p.created_at for p in partners)
    stories = list(
        Article.objects.published()
        .filter(published_at__gte=max(since, now - timedelta(days=1)), published_at__lte=now)
        .select_related("section")
    )
    told: dict[tuple[int, int], object] = {}
    rows = Delivery.objects.filter(
        event=Event.PUBLISHED, story_id__in=[story.pk for story in stories]
    ).values_list("partner_id", "story_id", "created_at")
    for partner_id, story_id, at in rows:
        told[partner_id, story_id] = max(at, told.get((partner_id, story_id), at))
    made = 0
    for story in stories:
        for partner in partners:
            last = told.get((partner.pk, story.pk))
            if story.published_at < partner.created_at or (last and last >= story.published_at):
                continue
            delivery_id = uuid.uuid4()
            Delivery.objects.create(
                delivery_id=delivery_id,
                partner=partner,
                event=Event.PUBLISHED,
                story_id=story.pk,
                story_title=story.title[:250],
                payload=payloads.payload(
                    Event.PUBLISHED, story, delivery_id=str(delivery_id), now=now
                ),
                next_try_at=now,
            )
            made += 1
    return made
