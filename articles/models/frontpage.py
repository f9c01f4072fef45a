"""The front page as the editors make it: stories placed in slots from a time, section boxes.

A slot's story is read like scheduled publishing: the placement in force is the one of that
slot (and position) that started last, so "from 06:00 this story, from 11:00 that one" needs
no cron job. A placement without a story empties the slot from its time. The breaking-news
bar ("Tin nóng") is a slot too, with an end time.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .sections import Section
from .stories import Article


class Slot(models.TextChoices):
    MAIN = "tieu-diem", _("Tin tiêu điểm")
    COMPANION = "kem-theo", _("Tin kèm tiêu điểm")
    HIGHLIGHT = "noi-bat", _("Tin nổi bật")
    SECTION_MAIN = "muc-chinh", _("Tin chính của chuyên mục")
    BREAKING = "tin-nong", _("Tin nóng")


class Placement(models.Model):
    """Story `article` fills `slot` at `position` from `starts_at` (until the next one starts)."""

    slot = models.CharField(_("vị trí"), max_length=20, choices=Slot.choices)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    # Only for a section page's main story.
    section = models.ForeignKey(
        Section,
        verbose_name=_("chuyên mục"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="placements",
    )
    # None: the slot is emptied from `starts_at` (it falls back to the newest stories).
    article = models.ForeignKey(
        Article,
        verbose_name=_("bài"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="placements",
    )
    starts_at = models.DateTimeField(_("từ lúc"), default=timezone.now)
    # The breaking-news bar's end; no other slot has one.
    ends_at = models.DateTimeField(_("đến lúc"), null=True, blank=True)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đặt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    placed_at = models.DateTimeField(_("đặt lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("vị trí trên trang nhất")
        verbose_name_plural = _("vị trí trên trang nhất")
        ordering = ["slot", "section", "position", "-starts_at", "-pk"]
        indexes = [
            models.Index(
                fields=["slot", "section", "position", "-starts_at"], name="placement_in_force"
            ),
            models.Index(fields=["starts_at"], name="placement_start"),
        ]
        permissions = [("compose_front", _("Soạn trang nhất và tin nóng"))]

    def __str__(self):
        return f"{self.get_slot_display()} {self.position}: {self.article or '—'}"


class HomeBox(models.Model):
    """A section's box on the home page: shown or not, in which order, how many stories."""

    section = models.OneToOneField(
        Section, verbose_name=_("chuyên mục"), on_delete=models.CASCADE, related_name="home_box"
    )
    shown = models.BooleanField(_("hiện trên trang chủ"), default=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    count = models.PositiveSmallIntegerField(_("số bài"), default=4)

    class Meta:
        verbose_name = _("hộp chuyên mục trên trang chủ")
        verbose_name_plural = _("hộp chuyên mục trên trang chủ")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.section} ({self.count})"
