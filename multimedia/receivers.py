"""Keep a media file's renditions in step with its original, and its storage with the rows."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from . import transcode
from .models import MediaFile
from .signals import announce
from .tasks import queue

# What readers see of a ready file besides its renditions.
SHOWN = ("title", "credit", "captions")


def shown(media: MediaFile) -> dict:
    return {"title": media.title, "credit": media.credit, "captions": media.captions.name}


@receiver(pre_save, sender=MediaFile)
def note_previous(sender, instance, raw=False, **kwargs):
    stored = None if raw or instance.pk is None else MediaFile.objects.filter(pk=instance.pk)
    instance._previous = stored.values("original", *SHOWN).first() if stored else None
    if not raw and instance._previous and instance._previous["original"] != instance.original.name:
        # A new original: readers wait for its renditions.
        instance.state, instance.error = MediaFile.State.PREPARING, ""


@receiver(post_save, sender=MediaFile)
def prepare_new_original(sender, instance, created, raw=False, **kwargs):
    """A new or replaced original is prepared: at once in process, else on a worker."""
    if raw or not instance.original.name:
        return
    previous = getattr(instance, "_previous", None)
    if created or previous is None or previous["original"] != instance.original.name:
        queue(instance)
        if previous is not None:
            announce(instance)  # its stories say "being prepared" again
    elif instance.is_ready and previous != {**previous, **shown(instance)}:
        announce(instance)


@receiver(post_delete, sender=MediaFile)
def delete_media_files(sender, instance, **kwargs):
    """A deleted file leaves nothing in storage: original, captions, renditions, poster."""
    names = [instance.original.name, instance.captions.name, instance.poster.name]
    names += list((instance.renditions or {}).values())
    transaction.on_commit(lambda: transcode.delete_names(names))
