"""The sidebar's lists, in one query whatever the number of stories (the home page: frontpage/)."""

from datetime import timedelta

from django.conf import settings
from django.db.models import F, Window
from django.db.models.functions import Least, RowNumber
from django.utils import timezone

from .models import Article


def sidebar_lists(limit: int | None = None) -> dict[str, list[Article]]:
    """Most read and most commented stories of the last days, in one query."""
    limit = limit or settings.SIDEBAR_LIMIT
    since = timezone.now() - timedelta(days=settings.MOST_READ_DAYS)
    newest = [F("published_at").desc(), F("pk").desc()]
    stories = list(
        Article.objects.published()
        .filter(published_at__gte=since)
        .only("pk", "slug", "title", "view_count", "comment_count", "published_at")
        .annotate(
            read_place=Window(RowNumber(), order_by=[F("view_count").desc(), *newest]),
            talk_place=Window(RowNumber(), order_by=[F("comment_count").desc(), *newest]),
        )
        .annotate(best_place=Least("read_place", "talk_place"))
        .filter(best_place__lte=limit)
    )
    most_read = sorted(
        (story for story in stories if story.read_place <= limit and story.view_count),
        key=lambda story: story.read_place,
    )
    most_commented = sorted(
        (story for story in stories if story.talk_place <= limit and story.comment_count),
        key=lambda story: story.talk_place,
    )
    return {"most_read": most_read, "most_commented": most_commented}
