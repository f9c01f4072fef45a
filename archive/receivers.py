"""One record for each public version of a story, from `articles.events.public_version`.

The signal comes once the change is committed. Published, went live and edited (the changes
articles/pages.py sees) are recorded when the page they leave is not the page last recorded
for the story: a save and its tags in one transaction, or a go-live task run twice, make one
record. Corrections and take-downs (sent by those features) are always recorded.
"""

import logging

from django.dispatch import receiver
from django.utils import timezone

from articles import events
from articles.approvals.record import name_of, record_of

from . import capture, chain
from .models import ArchiveRecord

logger = logging.getLogger(__name__)

ALWAYS_RECORDED = {events.CORRECTED, events.TAKEN_DOWN}


def approvals_of(article) -> list[dict]:
    """The approvals the story carries, as a copy that outlives the steps and the people."""
    if article.pk is None:
        return []
    return [
        {
            "kind": step.kind,
            "kind_label": step.get_kind_display(),
            "level": step.level,
            "to_level": step.to_level,
            "role": step.role,
            "by": step.by_name,
            "at": step.at.isoformat(),
            "note": step.note,
        }
        for step in record_of(article)
    ]


def record(article, event: str, by=None) -> ArchiveRecord | None:
    """Append the record of `article`'s public version after `event`; None if unchanged."""
    path = article.get_absolute_url()
    status, html = capture.served_page(path)
    last = ArchiveRecord.objects.filter(story_id=article.pk).order_by("-seq").first()
    if (
        event not in ALWAYS_RECORDED
        and last is not None
        and last.status == status
        and last.html == html
    ):
        return None
    return chain.append(
        story_id=article.pk,
        story_title=article.title,
        url=capture.site_url.absolute(path),
        event=event,
        at=timezone.now(),
        by_id=getattr(by, "pk", None),
        by_name=name_of(by) if by is not None else "Hệ thống",
        status=status,
        html=html,
        pictures=capture.keep_pictures(html),
        approvals=approvals_of(article),
    )


@receiver(events.public_version)
def public_version(sender, article, event, by=None, **kwargs):
    record(article, event, by)


def catch_up() -> int:
    """Record the stories that went live at their time with nobody to tell the archive.

    With a broker, `articles.pages.purge_when_live` sends WENT_LIVE as a scheduled story goes
    live. Without one (the embedded default, tasks run in process) no task waits for that
    moment: `manage.py archive_catch_up` (from cron) and the export record each live story
    published since the archive began whose last record is not a page readers could see.
    The record's time is when it is made; readers saw the same page since the story went live
    unless an edit (which is recorded) came between.
    """
    from django.db.models import OuterRef, Q, Subquery

    from articles.models import Article

    first = ArchiveRecord.objects.order_by("seq").values_list("at", flat=True).first()
    if first is None:
        return 0
    last_status = Subquery(
        ArchiveRecord.objects.filter(story_id=OuterRef("pk")).order_by("-seq").values("status")[:1]
    )
    missing = (
        Article.objects.published()
        .filter(published_at__gte=first)
        .annotate(last_status=last_status)
        .filter(Q(last_status__isnull=True) | ~Q(last_status=200))
        .select_related("section")
    )
    made = 0
    for story in missing.iterator(chunk_size=100):
        if record(story, events.WENT_LIVE) is not None:
            made += 1
    return made
