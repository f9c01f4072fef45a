"""Keep derived things in step: search text after tag changes, old slugs, picture renditions."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from newsroom.tasks import enqueue, in_process

from .models import Article, Image, Section, SectionSlugHistory, Tag, TagSlugHistory
from .search import reindex
from .tasks import make_renditions
from .uploads import RENDITION_FIELDS, delete_files

SLUG_HISTORY = {Section: (SectionSlugHistory, "section"), Tag: (TagSlugHistory, "tag")}


@receiver(m2m_changed, sender=Article.tags.through)
def refresh_search_after_tagging(sender, instance, action, reverse, pk_set=None, **kwargs):
    # The desk's form sets every tag on each save; taggit then adds and removes none.
    changed = action == "post_clear" or (action in {"post_add", "post_remove"} and pk_set)
    if changed and isinstance(instance, Article):
        reindex(Article.objects.filter(pk=instance.pk))


@receiver(pre_save, sender=Section)
@receiver(pre_save, sender=Tag)
def note_previous_slug(sender, instance, raw=False, **kwargs):
    instance._previous = (
        None
        if raw or instance.pk is None
        else sender._default_manager.filter(pk=instance.pk).values("slug", "name").first()
    )


@receiver(post_save, sender=Section)
@receiver(post_save, sender=Tag)
def keep_old_slug(sender, instance, raw=False, **kwargs):
    """Record the slug a rename replaced, so the old address answers with a 301."""
    if raw:
        return
    history, field = SLUG_HISTORY[sender]
    # A slug in use again is live, not history.
    history.objects.filter(slug=instance.slug).delete()
    previous = getattr(instance, "_previous", None)
    if previous and previous["slug"] != instance.slug:
        history.objects.update_or_create(slug=previous["slug"], defaults={field: instance})
    if sender is Tag and previous and previous["name"] != instance.name:
        reindex(Article.objects.filter(tags=instance))


@receiver(pre_save, sender=Image)
def note_previous_file(sender, instance, raw=False, **kwargs):
    instance._previous_file = (
        None
        if raw or instance.pk is None
        else Image.objects.filter(pk=instance.pk).values_list("file", flat=True).first()
    )


@receiver(post_save, sender=Image)
def make_renditions_of_new_file(sender, instance, created, raw=False, **kwargs):
    """A new or replaced file gets its renditions: at once in process, else on a worker."""
    name = instance.file.name
    if raw or not name or (not created and instance._previous_file == name):
        return
    if instance.renditions_ready:
        Image.objects.filter(pk=instance.pk).update(renditions_ready=False)
        instance.renditions_ready = False
    if in_process():
        instance.renditions_ready = make_renditions.apply(args=(instance.pk, name)).result is True
    else:
        enqueue(make_renditions, instance.pk, name)


@receiver(post_delete, sender=Image)
def delete_picture_files(sender, instance, **kwargs):
    """A deleted picture leaves nothing in storage (local folder or object store)."""
    name = instance.file.name
    if name:
        renditions = [getattr(instance, field).name for field in RENDITION_FIELDS]
        transaction.on_commit(lambda: delete_files(name, renditions))
