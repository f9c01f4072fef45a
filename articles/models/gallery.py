"""A photo story's pictures: each an uploaded picture in its place, with its caption and credit."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from newsroom.vietnamese import clean_name, clean_text

from .pictures import Image
from .stories import Article


class GalleryPicture(models.Model):
    """One picture of a photo story, shown large in `position` order (articles/kinds/)."""

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="gallery"
    )
    image = models.ForeignKey(
        Image, verbose_name=_("ảnh"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    # The photo story's own words for the picture; the picture's stored caption when empty.
    caption = models.TextField(
        _("chú thích"), blank=True, help_text=_("Để trống để dùng chú thích lưu cùng ảnh.")
    )
    credit = models.CharField(
        _("tác giả ảnh"),
        max_length=200,
        blank=True,
        help_text=_("Để trống để dùng nguồn lưu cùng ảnh."),
    )

    class Meta:
        verbose_name = _("ảnh trong bài ảnh")
        verbose_name_plural = _("ảnh trong bài ảnh")
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["article", "position"], name="gallery_order_idx")]

    def __str__(self):
        return self.shown_caption or str(self.image_id)

    def save(self, *args, **kwargs):
        self.caption = clean_text(self.caption).strip()
        self.credit = clean_name(self.credit)
        super().save(*args, **kwargs)

    @property
    def shown_caption(self) -> str:
        return self.caption.strip() or (self.image.caption if self.image_id else "")

    @property
    def shown_credit(self) -> str:
        return self.credit.strip() or (self.image.credit if self.image_id else "")
