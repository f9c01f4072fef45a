"""Live coverage ("Trực tiếp"): a live story's coverage, its entries, their versions, its guests.

A story of kind `live` grows entry by entry. The coverage (`LiveCoverage`) says whether it is
going on ("Đang diễn ra") or over ("Đã kết thúc"); each entry (`LiveEntry`) keeps every public
version of itself in `LiveEntryVersion`, so the lưu chiểu archive and the desk can show what
readers saw. A live Q&A (giao lưu trực tuyến) names its guests (`LiveGuest`); a guest's answer
is an entry carrying the reader's question.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .pictures import Image
from .stories import Article


class LiveCoverage(models.Model):
    article = models.OneToOneField(
        Article,
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="live_coverage",
    )
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    ended_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    is_qa = models.BooleanField(_("giao lưu trực tuyến"), default=False)

    class Meta:
        verbose_name = _("tường thuật trực tiếp")
        verbose_name_plural = _("tường thuật trực tiếp")

    def __str__(self):
        return str(self.article_id)

    @property
    def is_going_on(self) -> bool:
        return self.started_at is not None and self.ended_at is None

    @property
    def has_ended(self) -> bool:
        return self.ended_at is not None


class LiveGuest(models.Model):
    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="live_guests"
    )
    name = models.CharField(_("họ tên"), max_length=200)
    office = models.CharField(_("chức vụ, cơ quan"), max_length=300, blank=True)
    photo = models.ForeignKey(
        Image,
        verbose_name=_("ảnh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("khách mời")
        verbose_name_plural = _("khách mời")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.name


class LiveEntryQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(state=LiveEntry.State.SHOWN)

    def waiting(self):
        return self.filter(state=LiveEntry.State.WAITING)


class LiveEntry(models.Model):
    class State(models.TextChoices):
        SHOWN = "shown", _("Đang hiện")
        WAITING = "waiting", _("Chờ duyệt")
        WITHDRAWN = "withdrawn", _("Đã rút")

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="live_entries"
    )
    posted_at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    headline = models.CharField(_("tiêu đề"), max_length=200, blank=True)
    body = models.TextField(_("nội dung"))
    author_name = models.CharField(_("bút danh"), max_length=200, blank=True)
    key_event = models.BooleanField(_("sự kiện chính"), default=False)
    pinned = models.BooleanField(_("ghim"), default=False)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.SHOWN
    )
    # A guest's answer in a live Q&A: the reader's question and name, copied from the comment.
    guest = models.ForeignKey(
        LiveGuest,
        verbose_name=_("khách mời trả lời"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answers",
    )
    question = models.TextField(_("câu hỏi"), blank=True)
    asked_by = models.CharField(_("người hỏi"), max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người viết"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("viết lúc"), default=timezone.now, editable=False)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người sửa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    edited_at = models.DateTimeField(_("sửa lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)

    objects = LiveEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("cập nhật trực tiếp")
        verbose_name_plural = _("cập nhật trực tiếp")
        ordering = ["-posted_at", "-pk"]
        indexes = [
            models.Index(fields=["article", "state", "-posted_at"], name="live_entry_shown_idx")
        ]

    def __str__(self):
        return self.headline or f"{self.article_id}#{self.pk}"

    @property
    def version(self) -> str:
        """Changes whenever what readers see of the entry changes (the page's script compares)."""
        edited = int(self.edited_at.timestamp()) if self.edited_at else 0
        return f"{edited}-{int(self.key_event)}"


class LiveEntryVersion(models.Model):
    """One saved state of an entry: as posted, each edit, its approval, its withdrawal."""

    entry = models.ForeignKey(
        LiveEntry, verbose_name=_("cập nhật"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("lần"))
    action = models.CharField(_("việc"), max_length=20)
    headline = models.CharField(_("tiêu đề"), max_length=200, blank=True)
    body = models.TextField(_("nội dung"))
    state = models.CharField(_("trạng thái"), max_length=10, choices=LiveEntry.State.choices)
    key_event = models.BooleanField(_("sự kiện chính"), default=False)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("phiên bản cập nhật")
        verbose_name_plural = _("phiên bản cập nhật")
        ordering = ["entry", "number"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="live_version_number_unique")
        ]

    def __str__(self):
        return f"{self.entry_id} v{self.number}"
