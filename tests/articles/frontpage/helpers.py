"""Shared builders for the front page tests."""

from datetime import timedelta

from django.utils import timezone

from articles.models import Placement, Slot
from tests.factories import make_article


def newest(n: int, section=None, **fields):
    """`n` public stories, story 0 the newest (published i hours ago)."""
    now = timezone.now()
    return [
        make_article(
            f"Tin {i}", section=section, published_at=now - timedelta(hours=i + 1), **fields
        )
        for i in range(n)
    ]


def placement(article, slot=Slot.MAIN, *, position=1, starts_at=None, **fields) -> Placement:
    """A placement written directly, as if made earlier (placing.place refuses past starts)."""
    return Placement.objects.create(
        slot=slot,
        position=position,
        article=article,
        starts_at=starts_at or timezone.now() - timedelta(minutes=5),
        **fields,
    )


def titles(stories) -> list[str]:
    return [story.title for story in stories]
