"""Uploaded pictures: the file, its words, its size and its renditions."""

import logging

from django.conf import settings
from django.core.files.images import get_image_dimensions
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsroom.vietnamese import clean_name, clean_text

from ..uploads import rendition

logger = logging.getLogger(__name__)


class Image(models.Model):
    # Width and height are measured once, when the file is saved (`measure`), never when a row
    # is loaded: a page must not need the file, which may be missing (a database restored
    # without its media) or far away (object storage).
    file = models.ImageField(_("tệp ảnh"), upload_to="images/%Y/%m/")
    alt_text = models.CharField(
        _("mô tả ảnh (alt)"),
        max_length=250,
        help_text=_("Mô tả ngắn cho người không xem được ảnh."),
    )
    caption = models.TextField(_("chú thích"), blank=True)
    credit = models.CharField(_("nguồn ảnh"), max_length=200, blank=True)
    width = models.PositiveIntegerField(_("rộng (px)"), null=True, editable=False)
    height = models.PositiveIntegerField(_("cao (px)"), null=True, editable=False)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    # Who may change the picture later (ImageAdmin); none for pictures from before it was kept.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set by articles.tasks.make_renditions; until then pages show the original.
    renditions_ready = models.BooleanField(_("đã có bản thu nhỏ"), default=False, editable=False)

    # Made by articles.tasks.make_renditions after the file is saved.
    w480 = rendition(480)
    w800 = rendition(800)
    w1200 = rendition(1200)
    w480_webp = rendition(480, "WEBP")
    w800_webp = rendition(800, "WEBP")
    w1200_webp = rendition(1200, "WEBP")

    class Meta:
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.alt_text or self.file.name

    def save(self, *args, **kwargs):
        self.normalise()
        super().save(*args, **kwargs)

    def normalise(self) -> None:
        self.alt_text = clean_text(self.alt_text).strip()
        self.caption = clean_text(self.caption).strip()
        self.credit = clean_name(self.credit)
        self.measure()

    def measure(self) -> None:
        """Store the picture's size: from a new upload, or once from a stored file not yet measured.

        A file that cannot be read leaves the size unknown; pages then draw the picture without it.
        """
        if not self.file:
            self.width = self.height = None
            return
        if self.file._committed and self.width and self.height:
            return
        try:
            if self.file._committed:
                # Opened here for the measure only (no rendition is made in this process when
                # a worker makes them): closed again at once.
                with self.file.open("rb") as stored:
                    self.width, self.height = get_image_dimensions(stored)
            else:
                self.width, self.height = get_image_dimensions(self.file)
        except (OSError, ValueError):
            logger.warning("Picture %s: file unreadable, size unknown", self.file.name)
