"""Put every story's comment count right, e.g. after comments were changed outside moderation."""

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Article
from comments.moderation import lock_articles, purge, recount


class Command(BaseCommand):
    help = "Đếm lại số bình luận hiển thị của mọi bài viết."

    def handle(self, *args, **options):
        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        # In batches, each locked like a moderation step, so none races a moderator.
        for start in range(0, len(ids), 500):
            batch = ids[start : start + 500]
            with transaction.atomic():
                lock_articles(batch)
                recount(batch)
        purge(ids)
        self.stdout.write(f"Đã đếm lại bình luận của {len(ids)} bài viết.")
