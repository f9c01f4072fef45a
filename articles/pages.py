"""Which reader pages show what, and which changes make them stale: the articles' one place.

What happens to the cached pages when a story, a section, a tag or a picture is saved is all
here; the page cache (pagecache/) knows no content model and learns the pages from
`register()`, called by ArticlesConfig.ready(). Areas, each with a generation in the cache:
- `site`: the menu (sections), tags and pictures: every reader page shows some of them;
- `stories`: the public stories: every listing, feed and sitemap, and every story page
  (its related stories are the newest sharing its tags or section);
- `counts`: comment counts, shown on listing cards and in the sidebar;
- `article:<pk>`: one story's own words, pictures and tags, shown on its page;
- `comments:<pk>`: one story's approved comments, shown on its page;
- `front`: what the editors placed on the home page and the section pages (frontpage/); the
  breaking-news bar, on every page, goes with `stories`.

Every purge runs as the change is made and again once it is committed (pagecache.purge):
the receivers below for the models, `comments_changed` for moderation (comments calls it),
and `purge_when_live` at a scheduled story's publish time.

The same receivers tell the apps above (the lưu chiểu archive) that a story's public version
came into being or ended (`events.public_version`, once committed): published, edited while
live (a change to what readers see: SHOWN, the tags, the related stories), unpublished or
deleted, and, from `purge_when_live`, a scheduled story going live. Who made the change is
read as the story is saved (`events.acting_user`: the revision's user).
"""

import copy

from celery import shared_task
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from multimedia.signals import media_changed
from newsroom.tasks import enqueue, in_process, retry_or_give_up
from pagecache import purge, registry, versions
from pagecache.canonical import as_sent, page_number

from . import counters, events
from .frontpage import schedule as frontpage_schedule
from .models import Article, GalleryPicture, Image, Person, RelatedArticle, Section, Tag

LISTING = ("site", "stories", "counts")
INDEX = ("site", "stories")

# Reader pages by URL name, with the areas each one shows.
PAGES: dict[str, tuple[str, ...]] = {
    # And `front`: what the editors placed on them (articles/frontpage/).
    "articles:home": (*LISTING, "front"),
    "articles:section": (*LISTING, "front"),
    "articles:tag": LISTING,
    "articles:search": LISTING,
    "articles:kind": LISTING,  # /video/, /anh/... (articles/kinds/lists.py)
    "articles:detail": ("site", "stories"),  # and its own article:<pk>, comments:<pk>
    "articles:feed": INDEX,
    "articles:section-feed": INDEX,
    "articles:sitemap": INDEX,
    "articles:sitemap-section": INDEX,
    "articles:news-sitemap": INDEX,
    "articles:robots": ("site",),
    # The corrections (articles/corrections/): the list, each one's page, their feed.
    "articles:corrections": (*LISTING, "corrections"),
    "articles:correction": (*LISTING, "corrections"),
    "articles:corrections-feed": ("site", "corrections"),
    # The author pages (articles/people/pages.py): a person's change purges `stories`.
    "articles:author": LISTING,
    "articles:author-feed": INDEX,
    # The audio stories whose sound is ready (articles/podcast.py).
    "articles:podcast-feed": INDEX,
}

# The query parameters the listings read (a story page's comment order: comments/pages.py).
PARAMETERS = {
    "articles:author": {"page": page_number},
    "articles:corrections": {"page": page_number},
    "articles:section": {"page": page_number},
    "articles:kind": {"page": page_number},
    "articles:tag": {"page": page_number},
    "articles:search": {"q": as_sent, "page": page_number},
    # Django's sitemap view reads its page number from `p`.
    "articles:sitemap-section": {"p": page_number},
}


def article_area(pk) -> str:
    return f"article:{int(pk)}"


def comments_area(pk) -> str:
    return f"comments:{int(pk)}"


def story_areas(pk) -> tuple[str, ...]:
    """What the costly parts of a story page show: not its comments (see pagecache.fragments)."""
    return ("site", "stories", article_area(pk))


def detail_areas(kwargs) -> tuple[str, ...]:
    """A story page: the menu, the stories it lists, its own words and its comments."""
    return (*PAGES["articles:detail"], article_area(kwargs["pk"]), comments_area(kwargs["pk"]))


def next_scheduled_time() -> float | None:
    """The next scheduled change, from the database in one query: a story's publish time, a
    front page placement starting or the breaking-news bar ending (articles/frontpage/)."""
    now = timezone.now()
    stories = Article.objects.scheduled(now).order_by().values_list("published_at")
    first = stories.union(*frontpage_schedule.upcoming(now)).order_by("published_at")[:1]
    moment = next(iter(first), (None,))[0]
    return moment.timestamp() if moment else None


def register() -> None:
    """Tell the page cache the reader pages, their areas, views, schedule and parameters."""
    for url_name, areas in PAGES.items():
        if url_name == "articles:detail":
            registry.page(url_name, detail_areas, viewed=lambda kwargs: int(kwargs["pk"]))
        else:
            registry.page(url_name, areas)
    for url_name, rules in PARAMETERS.items():
        registry.parameters(url_name, rules)
    registry.count_views(
        registry.Views(key=counters.view_key, counted=counters.counted, add=counters.add_views)
    )
    # A scheduled story going live changes every page listing stories; the front page's
    # schedule, the pages showing it (and the bar, on every page: `stories`).
    registry.schedule(next_scheduled_time, ["stories", "front"])


def story_changed(pk: int) -> None:
    """A public or scheduled story was published, edited, unpublished or deleted."""
    purge.changed(["stories", article_area(pk)], schedule=True)


def corrections_changed(pk: int) -> None:
    """A correction of story `pk` was shown: its page and the corrections pages."""
    purge.changed(["corrections", article_area(pk)])


def comments_changed(article_ids) -> None:
    """Comments of these stories were approved, rejected, marked spam or deleted."""
    purge.changed(["counts", *(comments_area(pk) for pk in article_ids)])


def people_changed() -> None:
    """A person's pen name, page or bio changed: their bylines and author page."""
    purge.changed(["stories"])


def site_changed() -> None:
    """A section or tag was renamed, moved or removed, or a picture's words changed."""
    purge.changed(["site"])


# The name it had in the page cache, so that purges queued before the move still run.
@shared_task(name="pagecache.tasks.purge_when_live", bind=True, max_retries=8, acks_late=True)
def purge_when_live(self, pk: int, published_at: str) -> bool:
    """Purge the pages listing stories when story `pk` goes live at `published_at`.

    A story moved to another time or taken back meanwhile has its own task (or none).
    Readers' next request finds it anyway; this also empties the caches in front of us sooner.
    """
    going_live = Article.objects.published_or_scheduled()
    if not going_live.filter(pk=pk, published_at=parse_datetime(published_at)).exists():
        return False
    try:
        versions.bump("stories", article_area(pk))
    except Exception as exc:
        retry_or_give_up(self, exc, "Could not purge the pages of story %s going live", pk)
        return False
    versions.schedule_changed()
    story = Article.objects.filter(pk=pk).first()
    if story is not None and story.is_public:
        announce(story, events.WENT_LIVE, by=None)
    return True


LIVE_EVENTS = {events.PUBLISHED, events.WENT_LIVE, events.EDITED}


def announce(article: Article | int, event: str, *, by=...) -> None:
    """Send `events.public_version` for a story once the change is committed.

    The story is read again then, as committed: an edit of a story no longer public (or
    deleted) in the same transaction sends nothing, its own event says it; a deleted story
    goes as it was, its id kept. A save, its tags and its related stories may each send an
    edit: the archive records a page only when it differs from the one it has. `by` defaults
    to who is saving now (events.acting_user).
    """
    if by is ...:
        by = events.acting_user()
    pk = article if isinstance(article, int) else article.pk
    gone = None if isinstance(article, int) else copy.copy(article)

    def send():
        story = Article.objects.select_related("section").filter(pk=pk).first()
        if event in LIVE_EVENTS and (story is None or not story.is_public):
            return
        if event == events.UNPUBLISHED and story is not None and story.is_public:
            return
        if story is None:
            if gone is None:
                return
            gone.pk = pk
        events.public_version.send(sender=Article, article=story or gone, event=event, by=by)

    transaction.on_commit(send, robust=True)


def _is_live(state: dict | None, now) -> bool:
    return (
        state is not None
        and state["status"] == Article.Status.PUBLISHED
        and state["published_at"] is not None
        and state["published_at"] <= now
    )


def public_event(before: dict | None, after: dict) -> str | None:
    """What a save did to the story's public version, if anything. A take-down is announced
    by its own step (workflow.take_down, event TAKEN_DOWN), once."""
    if after["status"] == Article.Status.TAKEN_DOWN:
        return None
    now = timezone.now()
    was, now_live = _is_live(before, now), _is_live(after, now)
    if now_live and not was:
        return events.PUBLISHED
    if was and not now_live:
        return events.UNPUBLISHED
    if was and before != after:
        return events.EDITED
    return None


# Model changes that readers can see.

# What a story shows of itself outside the desk; a save touching none of it is not purged.
SHOWN = (
    "title",
    "slug",
    "lead",
    "body",
    "byline",
    "source_code",
    "section_id",
    "hero_image_id",
    "status",
    "published_at",
    "allow_comments",
    "featured",
    # Its kind: the page's template, the cards' mark, the kinds' lists (articles/kinds/).
    "kind",
    "video_id",
    "audio_id",
)


def _is_shown(state: dict | None) -> bool:
    # A story taken down on request has a page too: the 410 notice at its address.
    return state is not None and state["status"] in (
        Article.Status.PUBLISHED,
        Article.Status.TAKEN_DOWN,
    )


@receiver(pre_save, sender=Article)
def note_story_before(sender, instance, raw=False, **kwargs):
    # As this copy loaded the row (or last wrote it): no second read of it.
    instance._shown_before = None if raw else instance.as_loaded(*SHOWN)


@receiver(post_save, sender=Article)
def story_saved(sender, instance, raw=False, **kwargs):
    before = getattr(instance, "_shown_before", None)
    after = {field: getattr(instance, field) for field in SHOWN}
    # Drafts and reviews come and go at the desk without touching any reader page.
    if (_is_shown(before) or _is_shown(after)) and before != after:
        story_changed(instance.pk)
        event = public_event(before, after)
        if event is not None:
            announce(instance, event)
        if instance.is_scheduled and not in_process():
            # A worker purges again as it goes live, for the caches in front of us too.
            enqueue(
                purge_when_live,
                instance.pk,
                instance.published_at.isoformat(),
                eta=instance.published_at,
            )


@receiver(post_delete, sender=Article)
def story_deleted(sender, instance, **kwargs):
    if instance.status == Article.Status.PUBLISHED:
        story_changed(instance.pk)
        if instance.is_public:
            announce(instance, events.UNPUBLISHED)


def _edited_if_live(article: Article) -> None:
    if article.is_public:
        announce(article, events.EDITED)


@receiver(m2m_changed, sender=Article.tags.through)
def story_tags_changed(sender, instance, action, reverse, pk_set=None, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if action != "post_clear" and not pk_set:
        return  # taggit re-setting the same tags adds and removes nothing
    if isinstance(instance, Article):
        if instance.status == Article.Status.PUBLISHED:
            story_changed(instance.pk)
            _edited_if_live(instance)
    else:
        site_changed()


@receiver(post_save, sender=RelatedArticle)
@receiver(post_delete, sender=RelatedArticle)
def related_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        story_changed(instance.from_article_id)
        announce(instance.from_article_id, events.EDITED)


@receiver(post_save, sender=GalleryPicture)
@receiver(post_delete, sender=GalleryPicture)
def gallery_changed(sender, instance, raw=False, **kwargs):
    # A photo story's pictures are shown on its page only.
    if not raw:
        story_changed(instance.article_id)
        announce(instance.article_id, events.EDITED)


@receiver(post_save, sender=Section)
@receiver(post_delete, sender=Section)
@receiver(post_save, sender=Tag)
@receiver(post_delete, sender=Tag)
def menu_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        site_changed()


@receiver(post_save, sender=Image)
def picture_saved(sender, instance, created=False, raw=False, **kwargs):
    # A new picture is on no page yet; a changed one may be in any story's body.
    if not (raw or created):
        site_changed()


@receiver(post_delete, sender=Image)
def picture_deleted(sender, instance, **kwargs):
    site_changed()


@receiver(media_changed)
def story_media_changed(sender, media, **kwargs):
    """A video or sound became ready, failed or was edited: the stories showing it.

    Their pages (the player replaces "being prepared"), and the listings and feeds, which
    show a story's length and list the podcast's episodes.
    """
    showing = Article.objects.filter(Q(video_id=media.pk) | Q(audio_id=media.pk))
    stories = list(showing.values_list("pk", flat=True))
    if stories:
        purge.changed(["stories", *(article_area(pk) for pk in stories)])


# What a person shows readers: their bylines' links and their author page.
PERSON_SHOWN = ("pen_name", "other_pen_names", "slug", "bio", "photo_id", "listed")


@receiver(pre_save, sender=Person)
def note_person_before(sender, instance, raw=False, **kwargs):
    stored = None if raw or instance.pk is None else Person.objects.filter(pk=instance.pk)
    row = stored.values(*PERSON_SHOWN).first() if stored is not None else None
    instance._shown_before = row


@receiver(post_save, sender=Person)
@receiver(post_delete, sender=Person)
def person_changed(sender, instance, raw=False, created=False, **kwargs):
    if raw or created:
        return  # a new person is on no page yet
    before = getattr(instance, "_shown_before", None)
    after = {field: getattr(instance, field) for field in PERSON_SHOWN}
    if before != after:
        people_changed()
