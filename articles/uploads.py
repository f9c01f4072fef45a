"""Picture uploads: the checks and clean-up before anything is stored, and the renditions.

The markup that shows pictures in a story lives in `articles/body_images.py`.
"""

import logging
import warnings
from contextlib import suppress
from io import BytesIO
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers
from imagekit.models import ImageSpecField
from PIL import Image as PILImage
from PIL import ImageOps, features
from pilkit.processors import ResizeToFit

from newsroom.vietnamese import slugify

logger = logging.getLogger(__name__)

# Widths of the renditions; srcset offers each one no wider than the original.
RENDITION_WIDTHS = (480, 800, 1200)
RENDITION_FIELDS = tuple(
    f"w{width}{suffix}" for width in RENDITION_WIDTHS for suffix in ("", "_webp")
)

FORMAT_EXTENSIONS = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",), "WEBP": (".webp",)}
if features.check("avif"):
    FORMAT_EXTENSIONS["AVIF"] = (".avif",)
FORMAT_LABELS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "AVIF": "AVIF"}
ACCEPT = ",".join(
    [f"image/{name.lower()}" for name in FORMAT_EXTENSIONS]
    + [ext for exts in FORMAT_EXTENSIONS.values() for ext in exts]
)


class PictureUploadHandler(FileUploadHandler):
    """Keep an upload in memory up to IMAGE_MAX_UPLOAD_BYTES; past that keep only its size.

    Django would spool a large upload to a temporary file. A file over the limit is refused
    by `clean_upload` (which reads the size), so nothing of it is ever written to disk.
    """

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.buffer = BytesIO()
        raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) <= settings.IMAGE_MAX_UPLOAD_BYTES:
            self.buffer.write(raw_data)

    def file_complete(self, file_size):
        if file_size > settings.IMAGE_MAX_UPLOAD_BYTES:
            self.buffer = BytesIO()
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


class OnTask:
    """Imagekit strategy: nothing on save or on a page view; `make_renditions` does the work."""

    def should_verify_existence(self, file):
        return False


def rendition(width: int, format: str | None = None) -> ImageSpecField:
    """An imagekit rendition of `file` at most `width` wide, in `format` or the original's."""
    return ImageSpecField(
        source="file",
        processors=[ResizeToFit(width=width, upscale=False)],
        format=format,
        options={"quality": 80},
    )


def accepted_formats() -> str:
    return ", ".join(FORMAT_LABELS[name] for name in FORMAT_EXTENSIONS)


def _megabytes(size: int) -> str:
    """`20 MB`, `1,5 MB`, `300 KB`: Vietnamese decimal comma."""
    if size < 1024 * 1024:
        return f"{size // 1024} KB"
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0").replace(".", ",") + " MB"


def _looks_like_svg(head: bytes, name: str) -> bool:
    if PurePosixPath(name.lower()).suffix in {".svg", ".svgz"}:
        return True
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(b"<?xml") or b"<svg" in text[:1024] or text.startswith(b"\x1f\x8b")


def clean_upload(upload) -> ContentFile:
    """Check an uploaded picture and return it re-encoded: upright, without metadata.

    Raise ValidationError (in Vietnamese, with a code) for anything that is not a JPEG, PNG,
    WebP (or AVIF) picture within the size and pixel limits whose name matches its content.
    Nothing is written to storage here.
    """
    name = upload.name or "anh"
    size = getattr(upload, "size", None) or 0
    if size > settings.IMAGE_MAX_UPLOAD_BYTES:
        raise ValidationError(
            "Tệp quá lớn (%(size)s). Ảnh tải lên tối đa %(limit)s.",
            code="too_large",
            params={
                "size": _megabytes(size),
                "limit": _megabytes(settings.IMAGE_MAX_UPLOAD_BYTES),
            },
        )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if _looks_like_svg(head, name):
        raise ValidationError(
            "Không nhận ảnh SVG vì tệp SVG có thể chứa mã chạy được. "
            "Hãy xuất ảnh sang %(formats)s rồi tải lên.",
            code="svg",
            params={"formats": accepted_formats()},
        )
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its own limit and twice that; treat it as a refusal.
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            picture = PILImage.open(upload)
            width, height = picture.size
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise _too_many_pixels(None, None) from None
    except Exception:
        raise _not_a_picture() from None
    if picture.format not in FORMAT_EXTENSIONS:
        raise ValidationError(
            "Không nhận ảnh định dạng %(format)s. Chỉ nhận ảnh %(formats)s.",
            code="format",
            params={"format": picture.format or "?", "formats": accepted_formats()},
        )
    # Both read from the header: nothing has been decoded yet.
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise _too_many_pixels(width, height)
    if max(width, height) > settings.IMAGE_MAX_SIDE:
        raise ValidationError(
            "Ảnh quá dài hoặc quá cao: %(width)s×%(height)s điểm ảnh, mỗi cạnh tối đa "
            "%(limit)s điểm ảnh. Hãy cắt hoặc thu nhỏ ảnh trước khi tải lên.",
            code="side_too_long",
            params={"width": width, "height": height, "limit": settings.IMAGE_MAX_SIDE},
        )
    extension = PurePosixPath(name.lower()).suffix
    if extension not in FORMAT_EXTENSIONS[picture.format]:
        expected = FORMAT_EXTENSIONS[picture.format][0]
        raise ValidationError(
            "Tên tệp có đuôi “%(extension)s” nhưng nội dung là ảnh %(format)s. "
            "Hãy đổi đuôi tệp thành “%(expected)s” rồi tải lên lại.",
            code="extension",
            params={
                "extension": extension or "(không có)",
                "format": FORMAT_LABELS[picture.format],
                "expected": expected,
            },
        )
    try:
        content = _reencode(picture)
    except Exception:
        raise _not_a_picture() from None
    stem = slugify(PurePosixPath(name).stem, max_length=80) or "anh"
    return ContentFile(content, name=f"{stem}{FORMAT_EXTENSIONS[picture.format][0]}")


def _not_a_picture() -> ValidationError:
    return ValidationError(
        "Tệp này không phải là ảnh hoặc đã bị hỏng. Hãy chọn một ảnh %(formats)s.",
        code="not_image",
        params={"formats": accepted_formats()},
    )


def _too_many_pixels(width: int | None, height: int | None) -> ValidationError:
    limit = f"{settings.IMAGE_MAX_PIXELS / 1_000_000:g}".replace(".", ",")
    if width is None:
        return ValidationError(
            "Ảnh quá lớn: vượt giới hạn %(limit)s triệu điểm ảnh. "
            "Hãy thu nhỏ ảnh trước khi tải lên.",
            code="too_many_pixels",
            params={"limit": limit},
        )
    return ValidationError(
        "Ảnh quá lớn: %(width)s×%(height)s điểm ảnh, vượt giới hạn %(limit)s triệu điểm ảnh. "
        "Hãy thu nhỏ ảnh trước khi tải lên.",
        code="too_many_pixels",
        params={"width": width, "height": height, "limit": limit},
    )


def _reencode(picture: PILImage.Image) -> bytes:
    """Apply the EXIF orientation, drop all metadata (GPS, camera, comments), keep colours."""
    image_format = picture.format
    picture.load()
    upright = ImageOps.exif_transpose(picture)
    keep = {
        key: upright.info[key] for key in ("icc_profile", "transparency") if key in upright.info
    }
    # Encoders may copy metadata from `info`; leave only what the picture needs to look right.
    upright.info = dict(keep)
    options: dict = dict(keep)
    if image_format == "JPEG":
        if upright.mode not in ("RGB", "L", "CMYK"):
            upright = upright.convert("RGB")
        options.update(quality=90, optimize=True)
    elif image_format in ("WEBP", "AVIF"):
        options.update(quality=90)
    out = BytesIO()
    upright.save(out, image_format, **options)
    return out.getvalue()


class StorageFull(Exception):
    """The media storage could not take a picture (disk full, object store refusing)."""


def store_upload(image, upload) -> str:
    """Write `upload` where `image.file` keeps it; return the stored name.

    On a storage error nothing is left behind: a file cut off half way is deleted.
    """
    field = image._meta.get_field("file")
    storage = field.storage
    name = storage.get_available_name(field.generate_filename(image, upload.name))
    try:
        return storage.save(name, upload, max_length=field.max_length)
    except OSError as error:
        logger.error("Media storage refused %s: %s", name, error)
        with suppress(Exception):
            if storage.exists(name):
                storage.delete(name)
        raise StorageFull(
            "Máy chủ không lưu được ảnh này (ổ lưu trữ đã đầy hoặc đang gặp sự cố). "
            "Mô tả và chú thích bạn gõ vẫn còn: vui lòng chọn lại tệp ảnh và lưu sau ít phút, "
            "hoặc báo cho quản trị kỹ thuật."
        ) from error


def delete_files(name: str, rendition_names: list[str]) -> None:
    """Remove a deleted picture's file and renditions from storage; log what fails."""
    for each in filter(None, [name, *rendition_names]):
        try:
            default_storage.delete(each)
        except Exception:
            logger.exception("Could not delete %s from media storage", each)
