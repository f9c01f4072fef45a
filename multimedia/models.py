"""A video or a sound file: the upload as it came, and what the worker made of it.

The original is kept as uploaded (the lưu chiểu copy); readers get the renditions, made by
`multimedia.tasks` with ffmpeg: MP4 (H.264/AAC) at 720p and 360p and a poster frame for a
video, an MP3 for sound. Until they exist the story page says the file is being prepared.
"""

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.utils.translation import gettext_lazy as _


class MediaFile(models.Model):
    class Kind(models.TextChoices):
        VIDEO = "video", _("Video")
        AUDIO = "audio", _("Âm thanh")

    class State(models.TextChoices):
        PREPARING = "preparing", _("Đang chuẩn bị")
        READY = "ready", _("Sẵn sàng")
        FAILED = "failed", _("Không xử lý được")

    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("tên"), max_length=250)
    original = models.FileField(_("tệp gốc"), upload_to="av/originals/%Y/%m/", max_length=300)
    captions = models.FileField(
        _("phụ đề (WebVTT)"), upload_to="av/captions/%Y/%m/", max_length=300, blank=True
    )
    credit = models.CharField(_("nguồn"), max_length=200, blank=True)
    state = models.CharField(
        _("tình trạng"),
        max_length=12,
        choices=State.choices,
        default=State.PREPARING,
        editable=False,
    )
    # Measured by ffprobe at upload, never when a row is loaded.
    duration = models.FloatField(_("thời lượng (giây)"), null=True, editable=False)
    width = models.PositiveIntegerField(_("rộng (px)"), null=True, editable=False)
    height = models.PositiveIntegerField(_("cao (px)"), null=True, editable=False)
    # Storage names of what the worker made, by rendition: {"720": ..., "360": ..., "mp3": ...}.
    renditions = models.JSONField(_("bản phát"), default=dict, blank=True, editable=False)
    # Their sizes in bytes, by the same keys: the podcast feed's enclosures, with no storage call.
    sizes = models.JSONField(_("dung lượng bản phát"), default=dict, blank=True, editable=False)
    poster = models.FileField(
        _("ảnh bìa"), upload_to="av/posters/%Y/%m/", max_length=300, blank=True, editable=False
    )
    error = models.TextField(_("lỗi xử lý"), blank=True, editable=False)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("tệp video, âm thanh")
        verbose_name_plural = _("tệp video, âm thanh")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.title

    @property
    def is_ready(self) -> bool:
        return self.state == self.State.READY

    @property
    def is_failed(self) -> bool:
        return self.state == self.State.FAILED

    def rendition_url(self, key: str) -> str:
        """The URL of rendition `key` ("720", "360", "mp3"), or "" when there is none."""
        name = (self.renditions or {}).get(key)
        return default_storage.url(name) if name else ""

    def video_sources(self) -> list[dict]:
        """The MP4 renditions, largest first, each with the screens it is for (`media`).

        The 720p is for screens wider than a phone; a browser ignoring `media` on `<source>`
        takes the first, so the 360p comes last, for everyone else.
        """
        keys = [key for key in ("720", "360") if (self.renditions or {}).get(key)]
        return [
            {
                "url": self.rendition_url(key),
                "media": "(min-width: 641px)" if key == "720" and len(keys) > 1 else "",
                "height": key,
            }
            for key in keys
        ]

    @property
    def mp3_url(self) -> str:
        return self.rendition_url("mp3")
