"""Real test clips made by Debian's ffmpeg: small and short, so the tests stay fast."""

import json
import subprocess
from pathlib import Path

FFMPEG = "/usr/bin/ffmpeg"


def make_clip(
    path: Path,
    *,
    seconds: float = 1,
    size: str = "320x180",
    video: bool = True,
    audio: bool = True,
    rate: str = "25",
    extra: tuple[str, ...] = (),
) -> Path:
    """A clip at `path` (its type from the suffix): a test picture and a 440 Hz tone."""
    command = [FFMPEG, "-nostdin", "-v", "error", "-y"]
    if video:
        command += ["-f", "lavfi", "-i", f"testsrc2=size={size}:rate={rate}:duration={seconds}"]
    if audio:
        command += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}"]
    if video and path.suffix in {".mp4", ".mov"}:
        command += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
    if audio and path.suffix in {".mp4", ".mov", ".m4a"}:
        command += ["-c:a", "aac"]
    subprocess.run([*command, *extra, str(path)], check=True, timeout=60)
    return path


def streams(path: str) -> list[dict]:
    """ffprobe's streams of a file: codec and picture size."""
    done = subprocess.run(
        ["/usr/bin/ffprobe", "-v", "error", "-of", "json", "-show_streams", "-show_format", path],
        check=True,
        capture_output=True,
        timeout=30,
    )
    return json.loads(done.stdout)


def new_media(path: Path, kind: str = "video", **fields):
    """A MediaFile with `path` as its original, saved (its preparation queued on commit)."""
    from django.core.files import File

    from multimedia.models import MediaFile

    with path.open("rb") as handle:
        original = File(handle, path.name)
        title = fields.pop("title", "Clip thử")
        return MediaFile.objects.create(kind=kind, title=title, original=original, **fields)


def prepared(media):
    """`media` made ready (or failed) in this process, as a worker would, read again."""
    from multimedia.tasks import prepare_media

    prepare_media.apply(args=(media.pk, media.original.name))
    media.refresh_from_db()
    return media
