"""What the home page and the sidebar show, each in one query whatever the number of stories."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.models import Case, F, IntegerField, Value, When, Window
from django.db.models.functions import Coalesce, Least, RowNumber
from django.utils import timezone

from .models import Article, Section

FEATURED = 0  # the featured stories' group; every other group is a top-level section's id


@dataclass
class SectionBlock:
    section: Section
    articles: list[Article] = field(default_factory=list)


@dataclass
class HomeStories:
    featured: list[Article]
    blocks: list[SectionBlock]


def home_stories(featured_limit: int | None = None, per_section: int | None = None) -> HomeStories:
    """Featured stories, then the latest of each top-level section (subsections included).

    One query: a window numbers the stories inside their group (featured, or their top-level
    section) and keeps the first few of each. A featured story shows only among the featured.
    With nothing featured, the newest story leads the page. Only the newest HOME_RECENT
    stories are looked at, so the page costs the same at 100,000 stories as at 100: a
    section silent for that long, or a story featured that long ago, is off the home page.
    """
    featured_limit = featured_limit or settings.HOME_FEATURED
    per_section = per_section or settings.HOME_PER_SECTION
    group = Case(
        When(featured=True, then=Value(FEATURED)),
        default=Coalesce("section__parent_id", "section_id"),
        output_field=IntegerField(),
    )
    recent = Article.objects.published().order_by("-published_at", "-pk")[: settings.HOME_RECENT]
    stories = list(
        Article.objects.filter(pk__in=recent.values("pk"))
        .for_listing()
        .defer("body", "search_text")  # cards show no body; the parts cache keeps none
        .select_related("section__parent")
        .annotate(
            group=group,
            place=Window(
                RowNumber(),
                partition_by=[group],
                order_by=[F("published_at").desc(), F("pk").desc()],
            ),
        )
        .filter(place__lte=max(featured_limit, per_section))
    )
    featured = [story for story in stories if story.group == FEATURED][:featured_limit]
    rest = [story for story in stories if story.group != FEATURED]
    if not featured and rest:
        newest = max(rest, key=lambda story: (story.published_at, story.pk))
        featured, rest = [newest], [story for story in rest if story is not newest]
    blocks: dict[int, SectionBlock] = {}
    for story in rest:
        top = story.section.parent or story.section
        block = blocks.setdefault(top.pk, SectionBlock(top))
        if len(block.articles) < per_section:
            block.articles.append(story)
    ordered = sorted(
        blocks.values(), key=lambda block: (block.section.position, block.section.name)
    )
    return HomeStories(featured=featured, blocks=ordered)


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
