"""The export's pictures: read from a copy of wp-content/uploads, checked like an admin upload."""

import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File

from articles.models import Image
from articles.uploads import StorageFull, clean_upload, store_upload

from .mapping import attached_path, plain, upload_path
from .shortcodes import Picture
from .wxr import Item

# Attachments with these endings are offered as pictures; anything else is not a picture.
PICTURE_SUFFIXES = {".jpg", ".jpeg", ".jpe", ".png", ".gif", ".webp", ".avif", ".bmp", ".svg"}


@dataclass
class Attachment:
    wp_id: str
    path: str  # under uploads: "2015/03/anh.jpg"
    url: str
    alt: str
    caption: str
    parent_id: str

    @property
    def is_picture(self) -> bool:
        return PurePosixPath(self.path.lower()).suffix in PICTURE_SUFFIXES


def attachment(item: Item) -> Attachment:
    path = attached_path(item.meta.get("_wp_attached_file", ""))
    path = path or upload_path(item.attachment_url) or ""
    return Attachment(
        wp_id=item.wp_id,
        path=path.lstrip("/"),
        url=item.attachment_url,
        alt=plain(item.meta.get("_wp_attachment_image_alt", "")) or plain(item.title),
        caption=plain(item.excerpt),
        parent_id=item.parent_id,
    )


def locate(media_dir: Path | None, relative: str) -> Path | None:
    """The file under `media_dir`, never outside it (a "../" in the export gets nothing)."""
    if media_dir is None or not relative:
        return None
    root = media_dir.resolve()
    candidate = (root / relative).resolve()
    if root not in candidate.parents or not candidate.is_file():
        return None
    return candidate


def fingerprint(found: Path | None, item: Attachment) -> str:
    stat = found.stat() if found else None
    source = f"{item.path}|{stat.st_size if stat else ''}|{stat.st_mtime_ns if stat else ''}"
    return hashlib.sha256(f"{source}|{item.alt}|{item.caption}".encode()).hexdigest()


def checked(found: Path) -> File:
    """The picture re-encoded by the admin's upload checks; ValidationError when refused."""
    with found.open("rb") as handle:
        return clean_upload(File(handle, name=found.name))


def store(content, item: Attachment, image: Image | None = None) -> Image:
    """Save a checked picture as the admin does (renditions follow the save).

    Raise StorageFull when the media storage refuses it; nothing is left behind then.
    """
    image = image or Image()
    image.alt_text = (item.alt or PurePosixPath(item.path).stem)[:250]
    image.caption = item.caption
    image.file = store_upload(image, content)
    image.save()
    image.file.close()  # saving measured the stored file
    return image


def as_picture(image: Image | None, item: Attachment) -> Picture:
    if image is None:
        # A dry run stores nothing: where the picture would be, so the body is judged as
        # the real run's (a picture of ours, not one taken out).
        url = f"{settings.MEDIA_URL}images/{PurePosixPath(item.path).name}"
        return Picture(None, url, item.alt, item.caption)
    return Picture(image.pk, image.file.url, image.alt_text, image.caption)


def refusal(error: ValidationError | StorageFull) -> str:
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
