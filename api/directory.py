"""Everything else readers can see: sections, tags, the author pages' people, a live story's
entries, the corrections. Each in a fixed number of queries."""

from datetime import datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone

from articles.models import Article, Contributor, Correction, LiveEntry, Person, Section, Tag
from newsroom.embeds import reader_body

from . import content
from .errors import not_found
from .stories import MAX_ID


def _public_story(field: str) -> dict:
    """A filter on a related story being public, as `Article.objects.public()` reads it."""
    now = timezone.now()
    return {f"{field}__status": Article.Status.PUBLISHED, f"{field}__published_at__lte": now}


def sections(request) -> list[dict]:
    found = Section.objects.select_related("parent").order_by("position", "name", "pk")
    return [content.section_full(request, item) for item in found]


def tags():
    """The tags at least one public story carries, by name."""
    shown = Tag.objects.filter(
        Exists(
            Article.tags.through.objects.filter(
                tag=OuterRef("pk"), **_public_story("content_object")
            )
        )
    )
    return shown.order_by("name", "pk")


def people():
    """The listed people with at least one public story (those with an author page)."""
    credited = Contributor.objects.filter(person=OuterRef("pk"), **_public_story("article"))
    return (
        Person.objects.filter(listed=True)
        .filter(Exists(credited))
        .select_related("photo")
        .only("slug", "pen_name", "other_pen_names", "bio", "photo")
        .order_by("pen_name", "pk")
    )


def person(slug: str) -> Person:
    found = people().filter(slug=slug).first()
    if found is None:
        raise not_found("Không có tác giả này.")
    return found


def live_story(story_id: int) -> Article:
    if not 0 < story_id <= MAX_ID:
        raise not_found("Không có bài tường thuật trực tiếp này.")
    story = (
        Article.objects.public()
        .filter(pk=story_id, kind=Article.Kind.LIVE)
        .select_related("live_coverage")
        .only("pk", "kind", "live_coverage__started_at", "live_coverage__ended_at")
        .first()
    )
    if story is None:
        raise not_found("Không có bài tường thuật trực tiếp này.")
    return story


def live_state(story: Article) -> str:
    coverage = getattr(story, "live_coverage", None)
    if coverage is not None and coverage.has_ended:
        return "ended"
    if coverage is not None and coverage.started_at is not None:
        return "live"
    return "upcoming"


def live_entries(story: Article, since: datetime | None):
    entries = LiveEntry.objects.shown().filter(article=story.pk).select_related("guest")
    if since is not None:
        if timezone.is_naive(since):
            since = timezone.make_aware(since)
        entries = entries.filter(posted_at__gt=since)
    return entries.order_by("-posted_at", "-pk")


def live_entry(request, entry) -> dict:
    return content.live_entry(
        request, entry, content.absolute_links(request, reader_body(entry.body))
    )


def corrections(story_id: int | None = None):
    """The corrections shown, of stories still public, newest first."""
    shown = Correction.objects.shown().filter(**_public_story("article"))
    if story_id is not None:
        if not 0 < story_id <= MAX_ID or not Article.objects.public().filter(pk=story_id).exists():
            raise not_found("Không có bài này.")
        shown = shown.filter(article_id=story_id)
    return shown.select_related("article").order_by("-published_at", "-pk")
