"""Corrections of a published story: the dated note (đính chính) and, in the form the Press
Law sets (Luật Báo chí 2016, Điều 42), the correction with an apology (cải chính, xin lỗi).

What each step does is articles/corrections/; this is only what is kept. A correction is
never edited once shown: a new one follows it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class CorrectionQuerySet(models.QuerySet):
    def shown(self):
        """What readers see: published corrections of stories readers can still open."""
        return self.filter(status=Correction.Status.PUBLISHED)


class Correction(models.Model):
    class Kind(models.TextChoices):
        NOTE = "dinh_chinh", _("Đính chính")
        APOLOGY = "cai_chinh", _("Thông tin cải chính, xin lỗi")

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ tổng biên tập duyệt")
        PUBLISHED = "published", _("Đã đăng")

    class Place(models.TextChoices):
        TOP = "top", _("Đầu bài")
        BOTTOM = "bottom", _("Cuối bài")

    article = models.ForeignKey(
        "Article", verbose_name=_("bài"), on_delete=models.PROTECT, related_name="corrections"
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    place = models.CharField(
        _("vị trí trên bài"), max_length=10, choices=Place.choices, default=Place.TOP
    )
    # Đính chính: what was changed, in a sentence or two.
    note = models.TextField(_("nội dung đính chính"), blank=True)
    # Cải chính, xin lỗi (Điều 42): the story as it was published, and what was wrong.
    story_title = models.CharField(_("tên bài"), max_length=250, blank=True)
    story_section = models.CharField(_("chuyên mục"), max_length=100, blank=True)
    story_published_at = models.DateTimeField(_("ngày đăng"), null=True, blank=True)
    wrong = models.TextField(_("thông tin sai"), blank=True)
    corrected = models.TextField(_("thông tin đúng"), blank=True)
    apology = models.TextField(_("lời xin lỗi"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người soạn"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("soạn lúc"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("đăng lúc"), null=True, blank=True, db_index=True)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("đính chính, cải chính")
        verbose_name_plural = _("đính chính, cải chính")
        ordering = ["-published_at", "-pk"]
        permissions = [
            ("approve_correction", _("Có thể duyệt thông tin cải chính, xin lỗi")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="published_correction_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.article}"

    def get_absolute_url(self):
        return reverse("articles:correction", kwargs={"pk": self.pk})

    @property
    def is_apology(self) -> bool:
        return self.kind == self.Kind.APOLOGY
