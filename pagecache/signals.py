"""Model changes that readers can see, sent to the purge module."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from articles.models import Article, Image, RelatedArticle, Section, Tag
from newsroom.tasks import enqueue, in_process

from . import purge
from .tasks import purge_when_live

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
)


def _is_shown(state: dict | None) -> bool:
    return state is not None and state["status"] == Article.Status.PUBLISHED


@receiver(pre_save, sender=Article)
def note_story_before(sender, instance, raw=False, **kwargs):
    instance._shown_before = (
        None
        if raw or instance.pk is None
        else Article.objects.filter(pk=instance.pk).values(*SHOWN).first()
    )


@receiver(post_save, sender=Article)
def story_saved(sender, instance, raw=False, **kwargs):
    before = getattr(instance, "_shown_before", None)
    after = {field: getattr(instance, field) for field in SHOWN}
    # Drafts and reviews come and go at the desk without touching any reader page.
    if (_is_shown(before) or _is_shown(after)) and before != after:
        purge.story_changed(instance.pk)
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
        purge.story_changed(instance.pk)


@receiver(m2m_changed, sender=Article.tags.through)
def story_tags_changed(sender, instance, action, reverse, pk_set=None, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if isinstance(instance, Article):
        if instance.status == Article.Status.PUBLISHED:
            purge.story_changed(instance.pk)
    else:
        purge.site_changed()


@receiver(post_save, sender=RelatedArticle)
@receiver(post_delete, sender=RelatedArticle)
def related_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        purge.story_changed(instance.from_article_id)


@receiver(post_save, sender=Section)
@receiver(post_delete, sender=Section)
@receiver(post_save, sender=Tag)
@receiver(post_delete, sender=Tag)
def menu_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        purge.site_changed()


@receiver(post_save, sender=Image)
def picture_saved(sender, instance, created=False, raw=False, **kwargs):
    # A new picture is on no page yet; a changed one may be in any story's body.
    if not (raw or created):
        purge.site_changed()


@receiver(post_delete, sender=Image)
def picture_deleted(sender, instance, **kwargs):
    purge.site_changed()
