"""A deleted story keeps its comments in its last revision, so recovering it brings them back."""

import reversion
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from articles.models import Article

from .models import Comment
from .moderation import recount

reversion.register(Comment)


@receiver(pre_delete, sender=Article, dispatch_uid="comments.keep_with_deleted_story")
def keep_comments_with_deleted_story(sender, instance: Article, **kwargs) -> None:
    """Write one last revision of the story with every comment, before they cascade away."""
    if not reversion.is_registered(Article):
        return
    with reversion.create_revision():
        reversion.set_comment("Bài viết bị xóa; bình luận được giữ để khôi phục cùng bài.")
        reversion.add_to_revision(instance)
        # Replies point at their parents: parents first, so a recovery saves them in order.
        for comment in instance.comments.order_by(
            F("parent_id").asc(nulls_first=True), "pk"
        ).iterator():
            reversion.add_to_revision(comment)


@receiver(post_save, sender=Article, dispatch_uid="comments.recount_restored_story")
def recount_restored_story(sender, instance: Article, raw: bool, **kwargs) -> None:
    """A story written back raw (a recovered revision, loaddata) gets its count from its comments.

    The count is not part of a revision; it is put right once the whole restore has committed.
    """
    if raw:
        transaction.on_commit(lambda: recount([instance.pk]))
