"""The desk's video and sound files: upload (checked before it is kept), state, preview."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.html import format_html, format_html_join

from .durations import spoken_duration
from .models import MediaFile
from .probe import accept, check_upload, gigabytes


def check_captions(upload) -> None:
    """Refuse a captions file that is not WebVTT text (UTF-8, `WEBVTT` first) or too large."""
    if not (upload.name or "").lower().endswith(".vtt"):
        raise ValidationError("Phụ đề phải là tệp WebVTT (.vtt).", code="format")
    if upload.size > settings.MEDIA_MAX_CAPTIONS_BYTES:
        raise ValidationError(
            "Tệp phụ đề quá lớn (tối đa %(limit)s).",
            code="too_large",
            params={"limit": gigabytes(settings.MEDIA_MAX_CAPTIONS_BYTES)},
        )
    upload.seek(0)
    head = upload.read(settings.MEDIA_MAX_CAPTIONS_BYTES + 1)
    upload.seek(0)
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError("Tệp phụ đề phải là văn bản UTF-8.", code="encoding") from exc
    first = text.split("\n", 1)[0].strip()
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))):
        raise ValidationError(
            "Tệp phụ đề phải bắt đầu bằng dòng WEBVTT (định dạng WebVTT).", code="format"
        )


class MediaFileForm(forms.ModelForm):
    """The upload form: the file is probed with ffprobe before anything is stored."""

    probe = None

    class Meta:
        model = MediaFile
        fields = ["kind", "title", "original", "captions", "credit"]
        help_texts = {
            "original": "Video: MP4, MOV, WebM. Âm thanh: MP3, M4A, WAV.",
            "captions": "Tệp WebVTT (.vtt), tiếng Việt; người xem bật, tắt được.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "original" not in self.fields:
            return  # the view-only page (a file this user may read, not change): no fields
        self.fields["original"].widget.attrs["accept"] = f"{accept('video')},{accept('audio')}"
        self.fields["captions"].widget.attrs["accept"] = ".vtt,text/vtt"
        limit = gigabytes(settings.MEDIA_MAX_UPLOAD_BYTES)
        self.fields["original"].help_text += f" Tối đa {limit}."
        if self.instance.pk:
            # The renditions are made for the kind: a new kind is a new file.
            self.fields["kind"].disabled = True

    def clean(self):
        data = super().clean()
        kind = data.get("kind") or self.instance.kind
        original = data.get("original")
        if kind and isinstance(original, UploadedFile):
            try:
                self.probe = check_upload(original, kind)
            except ValidationError as error:
                self.add_error("original", error)
        captions = data.get("captions")
        if isinstance(captions, UploadedFile):
            try:
                check_captions(captions)
            except ValidationError as error:
                self.add_error("captions", error)
        return data


@admin.register(MediaFile)
class MediaFileAdmin(admin.ModelAdmin):
    form = MediaFileForm
    list_display = ["title", "kind", "state", "length", "uploaded_at", "uploaded_by"]
    list_filter = ["kind", "state"]
    # The story form picks its video and sound by title (autocomplete).
    search_fields = ["title"]
    list_select_related = ["uploaded_by"]
    date_hierarchy = "uploaded_at"
    readonly_fields = ["state", "length", "picture_size", "error", "preview", "uploaded_by"]
    fieldsets = [
        (None, {"fields": ["kind", "title", "original", "captions", "credit"]}),
        (
            "Xử lý",
            {"fields": ["state", "length", "picture_size", "error", "preview", "uploaded_by"]},
        ),
    ]

    @admin.display(description="thời lượng", ordering="duration")
    def length(self, obj: MediaFile) -> str:
        return spoken_duration(obj.duration) or "–"

    @admin.display(description="kích thước hình")
    def picture_size(self, obj: MediaFile) -> str:
        return f"{obj.width} × {obj.height}" if obj.width and obj.height else "–"

    @admin.display(description="xem thử")
    def preview(self, obj: MediaFile) -> str:
        """The renditions as readers get them (nothing is loaded until the play button)."""
        if not obj.is_ready:
            return "–"
        if obj.kind == MediaFile.Kind.AUDIO:
            return format_html(
                '<audio controls preload="none" src="{}"></audio>', obj.rendition_url("mp3")
            )
        sources = obj.video_sources()
        # A link to each rendition, under the player: the desk checks both sizes.
        return format_html(
            '<video controls preload="none" width="360" poster="{}">{}</video><br>{}',
            obj.poster.url if obj.poster else "",
            format_html_join(
                "", '<source src="{}" type="video/mp4">', [(s["url"],) for s in sources]
            ),
            format_html_join(
                " · ", '<a href="{}">{}p</a>', [(s["url"], s["height"]) for s in sources]
            ),
        )

    def has_change_permission(self, request, obj=None):
        """Editors change any file; a journalist only their own, and only until it is ready.

        A ready file may already play on a live story: a replaced file would be on the page
        round the editor who approved it (as a picture would, articles/admin_pictures.py). A
        journalist fixes their upload before that, or uploads another file.
        """
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or request.user.has_perm("multimedia.delete_mediafile"):
            return True
        return obj.uploaded_by_id == request.user.pk and not obj.is_ready

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        probe = form.probe
        if probe is not None:
            obj.duration, obj.width, obj.height = probe.duration, probe.width, probe.height
        super().save_model(request, obj, form, change)
