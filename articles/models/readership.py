"""Page views by hour, so the desk can tell what was read in the last 24 hours.

`Article.view_count` is the total. Each batch of views written from the cache
(articles/counters.py) also lands in the hour it was written, one row per story and hour;
rows older than two days are dropped as the views are flushed.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HourlyViews(models.Model):
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="hourly_views"
    )
    hour = models.DateTimeField(_("giờ"))
    views = models.PositiveIntegerField(_("lượt xem"), default=0)

    class Meta:
        verbose_name = _("lượt xem theo giờ")
        verbose_name_plural = _("lượt xem theo giờ")
        constraints = [
            models.UniqueConstraint(fields=["article", "hour"], name="hourly_views_once_per_hour")
        ]
        indexes = [models.Index(fields=["hour", "article"], name="hourly_views_hour_idx")]

    def __str__(self):
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}: {self.views}"
