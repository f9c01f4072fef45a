"""The approval chain's rows: each section's levels, the duty rota, and the record of steps.

What a chain means and who holds a level is articles/approvals/; these are only what is kept.
A story's place in its chain is on the story itself (`Article.approval_level`,
`approval_since`), so the desk counts "waiting for me" in one query whatever the paper's size.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.roles import LEVEL_ROLES

from .sections import Section


class ApprovalLevel(models.Model):
    """One level of a section's chain: the role that approves at `position` (1 is first)."""

    section = models.ForeignKey(
        Section,
        verbose_name=_("chuyên mục"),
        on_delete=models.CASCADE,
        related_name="approval_levels",
    )
    position = models.PositiveSmallIntegerField(_("cấp"))
    role = models.CharField(
        _("vai trò duyệt"),
        max_length=30,
        choices=[(slug, name) for slug, name in LEVEL_ROLES.items()],
    )

    class Meta:
        verbose_name = _("cấp duyệt")
        verbose_name_plural = _("chuỗi duyệt")
        ordering = ["section", "position"]
        constraints = [
            models.UniqueConstraint(fields=["section", "position"], name="one_role_per_level"),
            models.CheckConstraint(condition=Q(position__gte=1), name="levels_count_from_one"),
        ]

    def __str__(self):
        return f"{self.section}: cấp {self.position} · {self.get_role_display()}"


class DutyShift(models.Model):
    """Who is the duty editor (trực ban) from `starts_at` to `ends_at`: they hold the last level.

    While a shift covers the present, stories waiting at a chain's last level go to its person
    (if they hold that level's role); with no shift, to everyone who holds the role.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trực"),
        on_delete=models.CASCADE,
        related_name="duty_shifts",
    )
    starts_at = models.DateTimeField(_("từ"))
    ends_at = models.DateTimeField(_("đến"))
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("ca trực")
        verbose_name_plural = _("lịch trực ban")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="shift_ends_after_start"
            )
        ]
        indexes = [models.Index(fields=["ends_at", "starts_at"], name="duty_shift_time_idx")]

    def __str__(self):
        from newsroom.vietnamese import date_time

        return f"{self.user}: {date_time(self.starts_at)} – {date_time(self.ends_at)}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Giờ hết ca phải sau giờ vào ca.")})


class ApprovalStep(models.Model):
    """One step of a story through its chain, as it happened: never changed, never deleted.

    Who (their name as it was then, kept if the account goes), when, at which level, the
    story's edit version and revision it applied to, and the note or reason given.
    """

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Gửi duyệt")
        APPROVED = "approved", _("Duyệt")
        SENT_BACK = "sent_back", _("Trả lại")
        CHANGED = "changed", _("Sửa sau khi đã duyệt: về lại cấp đã duyệt")
        ESCALATED = "escalated", _("Quá hạn: báo cấp trên")
        TAKEN_OVER = "taken_over", _("Cấp trên nhận duyệt thay")
        PUBLISHED = "published", _("Xuất bản")
        PUBLISHED_DIRECTLY = "published_directly", _("Xuất bản thẳng (tin nóng)")

    article = models.ForeignKey(
        "Article", verbose_name=_("bài"), on_delete=models.CASCADE, related_name="approval_steps"
    )
    kind = models.CharField(_("bước"), max_length=30, choices=Kind.choices)
    # The level the step was taken at (0: the journalist, for a story sent back to them).
    level = models.PositiveSmallIntegerField(_("cấp"), null=True, blank=True)
    # The level the story went to by this step, if it moved.
    to_level = models.PositiveSmallIntegerField(_("chuyển đến cấp"), null=True, blank=True)
    role = models.CharField(_("vai trò"), max_length=30, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người làm"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_name = models.CharField(_("tên người làm"), max_length=200, blank=True)
    at = models.DateTimeField(_("lúc"), default=timezone.now, db_index=True)
    article_version = models.PositiveIntegerField(_("phiên bản bài"))
    revision = models.ForeignKey(
        "reversion.Revision",
        verbose_name=_("bản lưu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("bước duyệt")
        verbose_name_plural = _("sổ duyệt bài")
        ordering = ["article", "at", "pk"]
        indexes = [
            models.Index(fields=["article", "kind", "by"], name="approval_step_by_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.by_name or '—'}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise ValidationError("Sổ duyệt bài không sửa được: mỗi bước chỉ được ghi thêm.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Sổ duyệt bài không xóa được.")
