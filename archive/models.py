"""The archive's tables: records (one per public version of a story), pictures, the chain head.

A record has no foreign key to the story or the user: it outlives both (a story deleted in
the admin keeps its records), and copies what it needs (the story's id, title and address,
the person's name). Pictures are kept once per sha256 of their bytes, so a picture replaced
or deleted later is still what the record shows. The chain head is one row: appending locks
it, so two appends at once never fork the chain (chain.py).
"""

import calendar
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from articles import events


class RecordKept(Exception):
    """A record still inside its keeping period was about to be deleted."""


def months_before(moment: datetime, months: int) -> datetime:
    """`moment` `months` calendar months earlier (31 March less one month: 28/29 February)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def keep_months(record=None) -> int:
    """How long `record` must be kept. Stories have no kind yet: audio and video stories
    (ARCHIVE_KEEP_MONTHS_MEDIA) are kept as long as the others until they do."""
    return settings.ARCHIVE_KEEP_MONTHS


def kept_since() -> datetime:
    """Records made after this moment are inside the keeping period."""
    return months_before(timezone.now(), keep_months())


def _refuse(young: int) -> None:
    raise RecordKept(
        f"Không được xóa: {young} bản lưu chiểu chưa đủ {keep_months()} tháng lưu giữ"
        " theo Nghị định 08/2017/NĐ-CP."
    )


class RecordQuerySet(models.QuerySet):
    def delete(self):
        young = self.filter(at__gt=kept_since()).count()
        if young:
            _refuse(young)
        return super().delete()

    delete.alters_data = True
    delete.queryset_only = True


class ArchiveRecord(models.Model):
    EVENT_LABELS = {
        events.PUBLISHED: "Xuất bản",
        events.WENT_LIVE: "Lên trang theo giờ hẹn",
        events.EDITED: "Sửa khi đang đăng",
        events.CORRECTED: "Đính chính / cải chính",
        events.UNPUBLISHED: "Gỡ khỏi trang",
        events.TAKEN_DOWN: "Gỡ bài theo yêu cầu",
    }

    seq = models.PositiveBigIntegerField("số thứ tự", unique=True, editable=False)
    story_id = models.PositiveBigIntegerField("mã bài", db_index=True)
    story_title = models.CharField("tiêu đề bài", max_length=500)
    url = models.CharField("địa chỉ", max_length=1000)
    event = models.CharField("sự kiện", max_length=30)
    at = models.DateTimeField("lúc", db_index=True)
    by_id = models.PositiveBigIntegerField("mã người làm", null=True, blank=True)
    by_name = models.CharField("người làm", max_length=200, blank=True)
    status = models.PositiveSmallIntegerField("mã trả lời HTTP")
    html = models.TextField("trang bạn đọc nhận", blank=True)
    pictures = models.JSONField("ảnh (địa chỉ → sha256)", default=dict)
    approvals = models.JSONField("các bước duyệt", default=list)
    previous_hash = models.CharField("mã băm bản trước", max_length=64)
    hash = models.CharField("mã băm", max_length=64, unique=True)

    objects = RecordQuerySet.as_manager()

    class Meta:
        verbose_name = "bản lưu chiểu"
        verbose_name_plural = "sổ lưu chiểu"
        ordering = ["seq"]
        indexes = [models.Index(fields=["story_id", "at"], name="archive_story_at")]

    def __str__(self):
        return f"#{self.pk} {self.story_title} ({self.event_label})"

    @property
    def event_label(self) -> str:
        return self.EVENT_LABELS.get(self.event, self.event)

    def delete(self, *args, **kwargs):
        if self.at > kept_since():
            _refuse(1)
        return super().delete(*args, **kwargs)


class PictureQuerySet(models.QuerySet):
    def delete(self):
        raise RecordKept("Không được xóa ảnh lưu chiểu: ảnh đi cùng các bản lưu của bài.")

    delete.alters_data = True
    delete.queryset_only = True


class ArchivedPicture(models.Model):
    """A picture's bytes as a record showed it, kept once per content hash (never deleted:
    any record may show it)."""

    sha256 = models.CharField(max_length=64, primary_key=True)
    data = models.BinaryField()
    content_type = models.CharField(max_length=100)
    first_url = models.CharField(max_length=1000)
    at = models.DateTimeField(default=timezone.now)

    objects = PictureQuerySet.as_manager()

    class Meta:
        verbose_name = "ảnh lưu chiểu"
        verbose_name_plural = "ảnh lưu chiểu"

    def __str__(self):
        return self.sha256

    def delete(self, *args, **kwargs):
        ArchivedPicture.objects.none().delete()


class ChainHead(models.Model):
    """The last record's hash and how many there are: the row appends lock (chain.py)."""

    last_hash = models.CharField(max_length=64, blank=True)
    count = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"{self.count} bản ghi"
