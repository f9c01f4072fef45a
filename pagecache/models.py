"""The page cache's generations kept in the database, for processes that share no Redis.

See pagecache/ledger.py: without Redis, this table is what every process (each gunicorn
worker, runserver, the shell, every command) reads and writes instead of the cache.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Generation(models.Model):
    """One area's current generation, and the number of the purge that set it.

    Two rows are not areas: `#purges` counts the purges (its `number` is the last one's, its
    `value` names this table's lifetime), and `#next-publish` holds when the next scheduled
    story goes live.
    """

    area = models.CharField(_("vùng"), max_length=200, primary_key=True)
    value = models.CharField(_("thế hệ"), max_length=40)
    number = models.BigIntegerField(_("số lần làm mới"), default=0, db_index=True)

    class Meta:
        verbose_name = _("thế hệ trang lưu đệm")
        verbose_name_plural = _("thế hệ trang lưu đệm")

    def __str__(self):
        return f"{self.area}: {self.value}"
