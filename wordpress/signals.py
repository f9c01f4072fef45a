"""Old links answer before the page cache: adding or removing one purges what it shadows."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles import pages

from .models import OldLink


@receiver(post_save, sender=OldLink)
@receiver(post_delete, sender=OldLink)
def old_link_changed(sender, instance, raw=False, **kwargs):
    # `/?p=123` shadows the home page, a path any page of ours that 404s: rare edits, so the
    # whole site rather than a guess at which pages, every worker's memory included (bus.py).
    if not raw:
        pages.site_changed()
