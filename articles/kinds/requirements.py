"""What each kind of story needs before it goes to review or to readers, in one function.

A draft may be incomplete: a photo story is built picture by picture, a video waits for its
file. From the moment it is sent for review (or published) it must be complete, and it stays
so while it waits or is live: the desk's form refuses the save beside the field lacking
(articles/admin_forms.py, articles/kinds/admin.py) and the workflow refuses the step
(articles/workflow.py), both asking `missing`.

An infographic's text alternative is its body: the one field every reader, screen reader,
feed and search already reads, cleaned by newsroom.sanitize, and long enough for a paragraph
(a picture's alt text holds 250 characters).
"""

import re
from collections.abc import Iterable

from django.utils.html import strip_tags

from ..models import Article, GalleryPicture, Kind, Status

PHOTO_MIN = 3
# A paragraph: two or three sentences.
TEXT_ALTERNATIVE_MIN = 150
# Where the form says a lack: the story's field, or "gallery" (the photo story's pictures).
GALLERY = "gallery"

STEPS = frozenset({"submit", "publish"})
# Stored statuses whose stories must stay complete when saved again.
HELD_TO = frozenset({Status.PENDING, Status.PUBLISHED})


def applies(status: str, step: str | None = None) -> bool:
    """Whether the rules hold for a story of `status` saved now, or moved by `step`."""
    return step in STEPS or status in HELD_TO


def step_of(data) -> str | None:
    """The workflow step a desk form's buttons ask with the save: "submit", "publish" or None."""
    for step in ("publish", "submit"):
        if f"_{step}" in data:
            return step
    return None


def text_length(html: str) -> int:
    """How many characters a body's words make, spaces between words counted once."""
    return len(re.sub(r"\s+", " ", strip_tags(html or "")).strip())


def uncaptioned(pictures: Iterable[GalleryPicture]) -> list[int]:
    """The places (1 is first) of the pictures with no caption, theirs or their picture's."""
    return [n for n, picture in enumerate(pictures, 1) if not picture.shown_caption.strip()]


def stored_pictures(article: Article) -> list[GalleryPicture]:
    if article.pk is None:
        return []
    return list(article.gallery.select_related("image"))


def missing(article: Article, pictures: Iterable[GalleryPicture] | None = None) -> dict[str, str]:
    """What `article`'s kind still lacks, by field, each in a sentence; {} when complete.

    `pictures` are a photo story's pictures as a form holds them; the stored ones otherwise.
    """
    gaps: dict[str, str] = {}
    match article.kind:
        case Kind.VIDEO:
            if article.video_id is None:
                gaps["video"] = "Bài video cần có video: hãy chọn hoặc tải lên tệp video."
            elif article.video.state == article.video.State.FAILED:
                gaps["video"] = "Video này không xử lý được: hãy tải lên một tệp khác."
        case Kind.AUDIO:
            if article.audio_id is None:
                gaps["audio"] = "Bài podcast cần có âm thanh: hãy chọn hoặc tải lên tệp âm thanh."
            elif article.audio.state == article.audio.State.FAILED:
                gaps["audio"] = "Tệp âm thanh này không xử lý được: hãy tải lên một tệp khác."
        case Kind.PHOTO:
            shown = list(stored_pictures(article) if pictures is None else pictures)
            if len(shown) < PHOTO_MIN:
                gaps[GALLERY] = (
                    f"Bài ảnh cần ít nhất {PHOTO_MIN} ảnh, mỗi ảnh có chú thích; "
                    f"bài mới có {len(shown)} ảnh."
                )
            elif lacking := uncaptioned(shown):
                places = ", ".join(str(n) for n in lacking)
                gaps[GALLERY] = f"Mỗi ảnh trong bài ảnh cần chú thích: ảnh thứ {places} chưa có."
        case Kind.INFOGRAPHIC:
            if article.hero_image_id is None:
                gaps["hero_image"] = (
                    "Bài infographic cần ảnh đồ họa: hãy chọn ảnh ở ô “Ảnh đại diện”."
                )
            if text_length(article.body) < TEXT_ALTERNATIVE_MIN:
                gaps["body"] = (
                    "Bài infographic cần phần chữ thay cho ảnh trong ô Nội dung: ít nhất một "
                    f"đoạn ({TEXT_ALTERNATIVE_MIN} ký tự), cho người không xem được ảnh."
                )
    return gaps


def refusal(gaps: dict[str, str]) -> str:
    """The workflow's refusal of an incomplete story, every lack in one message."""
    return "Bài chưa đủ để gửi duyệt hoặc xuất bản. " + " ".join(gaps.values())
