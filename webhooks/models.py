"""Partners told of stories by webhook, and the log of what was sent to them.

A Delivery is one event for one partner: its payload is fixed when the event happens (the
same JSON goes out at every try, with the same delivery id for the partner to drop a
repeat), its tries are Attempts. See sending.py for how it goes out.
"""

import secrets
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from .addresses import validate_url


class Event(models.TextChoices):
    PUBLISHED = "story.published", _("Bài được xuất bản")
    CORRECTED = "story.corrected", _("Bài được đính chính, cải chính")
    UNPUBLISHED = "story.unpublished", _("Bài bị gỡ khỏi trang")
    TAKEN_DOWN = "story.taken_down", _("Bài bị gỡ theo yêu cầu")


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def all_events() -> list[str]:
    return list(Event.values)


class Partner(models.Model):
    name = models.CharField(_("tên đối tác"), max_length=200, unique=True)
    url = models.URLField(
        _("địa chỉ nhận webhook"),
        max_length=500,
        validators=[validate_url],
        help_text=_("Địa chỉ https:// của đối tác, nhận một yêu cầu POST cho mỗi sự kiện."),
    )
    secret = models.CharField(_("khóa bí mật"), max_length=100, default=new_secret, editable=False)
    active = models.BooleanField(_("đang hoạt động"), default=True)
    events = models.JSONField(_("sự kiện nhận"), default=all_events)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    secret_changed_at = models.DateTimeField(_("đổi khóa lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("đối tác nhận webhook")
        verbose_name_plural = _("đối tác nhận webhook")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def wants(self, event: str) -> bool:
        return event in (self.events or [])

    @property
    def secret_hint(self) -> str:
        return f"whsec_…{self.secret[-4:]}"


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ gửi")
        DELIVERED = "delivered", _("Đã gửi")
        FAILED = "failed", _("Thất bại")

    delivery_id = models.UUIDField(_("mã lần gửi"), default=uuid.uuid4, unique=True, editable=False)
    partner = models.ForeignKey(
        Partner, verbose_name=_("đối tác"), on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(_("sự kiện"), max_length=30, choices=Event.choices)
    story_id = models.PositiveIntegerField(_("mã bài"), db_index=True)
    story_title = models.CharField(_("tên bài"), max_length=250, blank=True)
    payload = models.JSONField(_("nội dung gửi"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    last_status_code = models.PositiveSmallIntegerField(_("mã trả lời cuối"), null=True, blank=True)
    last_error = models.CharField(_("lỗi cuối"), max_length=500, blank=True)
    next_try_at = models.DateTimeField(_("thử lại lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    delivered_at = models.DateTimeField(_("gửi được lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lần gửi webhook")
        verbose_name_plural = _("nhật ký gửi webhook")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_try_at"], name="webhooks_due")]

    def __str__(self):
        return f"{self.get_event_display()} #{self.story_id} → {self.partner_id}"


class Attempt(models.Model):
    """One POST of a delivery, whatever came of it."""

    delivery = models.ForeignKey(
        Delivery, verbose_name=_("lần gửi"), on_delete=models.CASCADE, related_name="tries"
    )
    at = models.DateTimeField(_("lúc"))
    status_code = models.PositiveSmallIntegerField(_("mã trả lời"), null=True, blank=True)
    error = models.CharField(_("lỗi"), max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(_("thời gian (ms)"), default=0)

    class Meta:
        verbose_name = _("lần thử")
        verbose_name_plural = _("các lần thử")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.status_code or self.error[:40]}"
