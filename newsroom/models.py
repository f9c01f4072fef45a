"""Notices for the desk (a message waiting for one staff member's next visit to the admin), and
the count of page cache purges."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notice(models.Model):
    class Level(models.TextChoices):
        INFO = "info", _("thông tin")
        WARNING = "warning", _("cần xử lý")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    message = models.CharField(_("nội dung"), max_length=500)
    url = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    # A story sent back asks the journalist to act: shown as a warning, not as a success.
    level = models.CharField(_("mức"), max_length=10, choices=Level.choices, default=Level.INFO)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã xem lúc"), null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notice_unread_idx")]

    def __str__(self):
        return self.message


class PurgeCount(models.Model):
    """How many purges of the page cache have been committed: one row.

    Redis keeps the number of the last purge it holds beside the generations; a Redis that
    holds fewer (an outage, a restart from an older snapshot) is noticed by comparing the two
    (pagecache/epoch.py).
    """

    number = models.BigIntegerField(_("số lần làm mới"), default=0)

    class Meta:
        verbose_name = _("số lần làm mới bộ nhớ đệm")
        verbose_name_plural = _("số lần làm mới bộ nhớ đệm")

    def __str__(self):
        return str(self.number)
