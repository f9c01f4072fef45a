"""Checking a video or sound upload with ffprobe before it is accepted.

A file over MEDIA_MAX_UPLOAD_BYTES is refused on its size alone: nothing reads it. Any other
is probed (headers only, with a timeout) by Debian's ffprobe, allowed only the demuxers of the
accepted formats: a playlist or a picture named .mp4 never makes ffprobe open other files.
What it cannot read, what is too long, a "video" without a picture or a "sound" without sound
is refused with a Vietnamese message (a ValidationError with a code) shown beside the field.
"""

import json
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError

from .durations import spoken_duration

# The demuxers ffmpeg names the accepted containers by.
MOV = "mov,mp4,m4a,3gp,3g2,mj2"
WEBM = "matroska,webm"
FORMATS = {
    "video": {".mp4": MOV, ".m4v": MOV, ".mov": MOV, ".webm": WEBM},
    "audio": {".mp3": "mp3", ".m4a": MOV, ".wav": "wav"},
}
LABELS = {"video": "MP4, MOV, WebM", "audio": "MP3, M4A, WAV"}
DEMUXERS = ",".join(sorted({name for kinds in FORMATS.values() for name in kinds.values()}))
# A file whose streams hold more bytes than the file has was cut short (its index came first).
TRUNCATED_BELOW = 0.9


@dataclass(frozen=True)
class Probe:
    """What ffprobe found in a file: its container, length, picture size and streams."""

    format_name: str
    duration: float
    width: int | None
    height: int | None
    has_video: bool
    has_audio: bool


def accept(kind: str) -> str:
    """The `accept` attribute of the upload field for files of `kind`."""
    return ",".join(FORMATS[kind])


def gigabytes(size: int) -> str:
    """`2 GB`, `1,5 GB`, `300 MB`: Vietnamese decimal comma."""
    if size < 1024**3:
        return f"{size // 1024**2} MB"
    return f"{size / 1024**3:.1f}".removesuffix(".0").replace(".", ",") + " GB"


def run_ffprobe(path: str) -> dict:
    """ffprobe's JSON for the file at `path`; ValidationError when it cannot read it in time."""
    command = [
        settings.FFPROBE_PATH,
        "-v",
        "error",
        "-format_whitelist",
        DEMUXERS,
        "-of",
        "json",
        "-show_format",
        "-show_streams",
        f"file:{path}",
    ]
    unreadable = ValidationError(
        "Không đọc được tệp này: tệp hỏng, tải lên chưa hết, hoặc không phải video, âm thanh.",
        code="unreadable",
    )
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            timeout=settings.MEDIA_PROBE_TIMEOUT,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise unreadable from exc
    if done.returncode != 0:
        raise unreadable
    try:
        return json.loads(done.stdout)
    except ValueError as exc:
        raise unreadable from exc


def _number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _rotated(stream: dict) -> bool:
    """A phone's upright video is stored sideways with a rotation that ffmpeg applies."""
    for data in stream.get("side_data_list", []):
        if abs(int(_number(data.get("rotation")))) % 180 == 90:
            return True
    return abs(int(_number(stream.get("tags", {}).get("rotate")))) % 180 == 90


def read(data: dict) -> Probe:
    """A Probe of ffprobe's JSON: the first real picture stream (not a cover) and sound."""
    streams = data.get("streams", [])
    pictures = [
        s
        for s in streams
        if s.get("codec_type") == "video" and not s.get("disposition", {}).get("attached_pic")
    ]
    video = pictures[0] if pictures else None
    width = height = None
    if video is not None:
        width, height = int(video.get("width") or 0) or None, int(video.get("height") or 0) or None
        if _rotated(video):
            width, height = height, width
    return Probe(
        format_name=data.get("format", {}).get("format_name", ""),
        duration=_number(data.get("format", {}).get("duration")),
        width=width,
        height=height,
        has_video=video is not None,
        has_audio=any(s.get("codec_type") == "audio" for s in streams),
    )


def looks_truncated(data: dict) -> bool:
    """True when the streams' own bit rates need more bytes than the file holds.

    An MP4 with its index first (`+faststart`) still probes when cut short, its length read
    from the index; the sizes the index lists then outweigh the file.
    """
    fmt = data.get("format", {})
    duration, size = _number(fmt.get("duration")), _number(fmt.get("size"))
    streams = sum(_number(s.get("bit_rate")) for s in data.get("streams", []))
    if not (duration and size and streams):
        return False
    return size * 8 < TRUNCATED_BELOW * streams * duration


@contextmanager
def local_path(upload):
    """A path on disk holding `upload`: its temporary file, or a copy of a small one in memory."""
    if hasattr(upload, "temporary_file_path"):
        yield upload.temporary_file_path()
        return
    with tempfile.NamedTemporaryFile(suffix=PurePosixPath(upload.name).suffix) as copy:
        upload.seek(0)
        for chunk in upload.chunks():
            copy.write(chunk)
        copy.flush()
        upload.seek(0)
        yield copy.name


def check_upload(upload, kind: str) -> Probe:
    """Check an uploaded file of `kind` (video or audio); return what ffprobe found.

    Raise ValidationError (Vietnamese, with a code) for a file of another type, over the size
    or length limits, unreadable, cut short, or without the stream its kind needs.
    """
    suffix = PurePosixPath((upload.name or "").lower()).suffix
    if suffix not in FORMATS[kind]:
        raise ValidationError(
            "Chỉ nhận tệp %(formats)s.", code="format", params={"formats": LABELS[kind]}
        )
    size = getattr(upload, "size", None) or 0
    if size > settings.MEDIA_MAX_UPLOAD_BYTES:
        raise ValidationError(
            "Tệp quá lớn (%(size)s). Tệp tải lên tối đa %(limit)s.",
            code="too_large",
            params={"size": gigabytes(size), "limit": gigabytes(settings.MEDIA_MAX_UPLOAD_BYTES)},
        )
    with local_path(upload) as path:
        data = run_ffprobe(path)
    probe = read(data)
    if probe.format_name != FORMATS[kind][suffix]:
        raise ValidationError(
            "Nội dung tệp không khớp với đuôi %(suffix)s. Chỉ nhận tệp %(formats)s.",
            code="format",
            params={"suffix": suffix, "formats": LABELS[kind]},
        )
    if kind == "video" and not probe.has_video:
        raise ValidationError("Tệp này không có hình: hãy tải lên ở mục âm thanh.", code="no_video")
    if kind == "audio" and not probe.has_audio:
        raise ValidationError("Tệp này không có tiếng.", code="no_audio")
    if probe.duration <= 0:
        raise ValidationError("Không đọc được thời lượng của tệp.", code="unreadable")
    if probe.duration > settings.MEDIA_MAX_SECONDS:
        raise ValidationError(
            "Tệp dài %(duration)s, quá giới hạn %(limit)s.",
            code="too_long",
            params={
                "duration": spoken_duration(probe.duration),
                "limit": spoken_duration(settings.MEDIA_MAX_SECONDS),
            },
        )
    if looks_truncated(data):
        raise ValidationError(
            "Tệp bị cắt cụt (tải lên hoặc sao chép chưa hết): hãy tải lên lại tệp đầy đủ.",
            code="truncated",
        )
    return probe
