"""Making what readers get of an upload with ffmpeg: MP4 renditions and a poster, or an MP3.

A video becomes MP4 (H.264 and AAC, `+faststart` so it plays before it has all loaded) at
720p and 360p, never larger than it came (a 360p source gets only its 360p), and a JPEG
poster; a sound becomes an MP3 whose length is measured. Each ffmpeg run has a timeout that
grows with the file's length, reads no terminal, uses FFMPEG_THREADS threads and drops the
upload's metadata (a phone's location). Files go through Django's default storage (local or
S3); the original is read where it lies, or copied to a temporary file from the object store.
"""

import logging
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from newsroom.vietnamese import slugify

from .probe import DEMUXERS, Probe, read, run_ffprobe

# Renditions by name, with the short side of their picture (the height of a landscape video)
# and their video and sound bit rates.
VIDEO_RENDITIONS = (("720", 720, "3M", "128k"), ("360", 360, "900k", "96k"))
MP3 = "mp3"
MP3_BITRATE = "128k"
# A rendition this much shorter than its source lost the rest: the source was cut short.
SHORTER_BY = 0.9
ERROR_LINES = 6  # of ffmpeg's messages, kept in MediaFile.error for the desk

logger = logging.getLogger(__name__)


class TranscodeError(Exception):
    """ffmpeg could not make the renditions of this file: trying again will not help."""


@dataclass
class Result:
    """What a transcode made: storage names by rendition, their sizes, the poster, the length."""

    renditions: dict[str, str] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)
    poster: str = ""
    duration: float | None = None
    width: int | None = None  # of the source, as shown (a phone's rotation applied)
    height: int | None = None


def timeout_for(duration: float | None) -> float:
    """Seconds an ffmpeg run on a file this long may take before it is stopped."""
    return settings.MEDIA_TRANSCODE_TIMEOUT_BASE + (
        settings.MEDIA_TRANSCODE_TIMEOUT_PER_SECOND * (duration or 0)
    )


def ffmpeg(arguments: list[str], *, timeout: float) -> None:
    """Run ffmpeg with `arguments`; TranscodeError with its last messages if it fails or hangs."""
    command = [settings.FFMPEG_PATH, "-nostdin", "-hide_banner", "-v", "error", "-y", *arguments]
    try:
        done = subprocess.run(
            command, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise TranscodeError(f"ffmpeg quá {int(timeout)} giây, đã dừng.") from exc
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()[-ERROR_LINES:]
        raise TranscodeError(
            f"ffmpeg dừng với mã {done.returncode}: " + (" / ".join(lines) or "không rõ lỗi")
        )


def measure(path: str, what: str = "tệp ffmpeg vừa làm") -> Probe:
    """What ffprobe finds in a file (the original, or one ffmpeg made)."""
    try:
        return read(run_ffprobe(path))
    except ValidationError as exc:
        raise TranscodeError(f"Không đọc được {what}.") from exc


def sizes_for(width: int | None, height: int | None) -> list[tuple[str, int, str, str]]:
    """The renditions to make, their short side never above the source's (no upscaling)."""
    short = min(width or 0, height or 0) or 360
    wanted = [(name, side, vb, ab) for name, side, vb, ab in VIDEO_RENDITIONS if side <= short]
    if not wanted:  # smaller than 360p: one rendition at its own size
        name, _, vb, ab = VIDEO_RENDITIONS[-1]
        wanted = [(name, short - short % 2, vb, ab)]
    return wanted


def scale(width: int | None, height: int | None, side: int) -> str:
    """The scale filter giving the short side `side`, the other even and in proportion."""
    portrait = (width or 0) < (height or 0)
    return f"scale={side}:-2" if portrait else f"scale=-2:{side}"


def _threads() -> list[str]:
    return ["-threads", str(settings.FFMPEG_THREADS)]


def _input(path: str) -> list[str]:
    return [*_threads(), "-format_whitelist", DEMUXERS, "-i", f"file:{path}"]


def make_video(source: str, probe: Probe, folder: Path) -> tuple[dict[str, Path], Path]:
    """The MP4 renditions of `source` (in one ffmpeg run, one decode) and its poster."""
    wanted = sizes_for(probe.width, probe.height)
    chains = [
        f"[v{n}]{scale(probe.width, probe.height, side)}[o{n}]"
        for n, (_, side, *_) in enumerate(wanted)
    ]
    graph = f"[0:v:0]split={len(wanted)}" + "".join(f"[v{n}]" for n in range(len(wanted)))
    arguments = [*_input(source), "-filter_complex", ";".join([graph, *chains])]
    outputs = {}
    for n, (name, _, video_rate, audio_rate) in enumerate(wanted):
        outputs[name] = folder / f"{name}.mp4"
        arguments += [
            "-map", f"[o{n}]", "-map", "0:a:0?",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-profile:v", "main",
            "-pix_fmt", "yuv420p", "-maxrate", video_rate, "-bufsize", video_rate,
            "-fpsmax", "30",
            "-c:a", "aac", "-b:a", audio_rate, "-ac", "2",
            "-sn", "-dn", "-map_metadata", "-1", "-movflags", "+faststart",
            *_threads(), str(outputs[name]),
        ]  # fmt: skip
    ffmpeg(arguments, timeout=timeout_for(probe.duration))
    poster = folder / "poster.jpg"
    # A tenth of the way in, at most 10 s: past a title card or the fade from black.
    at = min(10.0, (probe.duration or 0) * 0.1)
    largest = outputs[wanted[0][0]]
    ffmpeg(
        ["-ss", f"{at:.2f}", *_input(str(largest)), "-frames:v", "1", "-q:v", "3", str(poster)],
        timeout=timeout_for(0),
    )
    return outputs, poster


def make_audio(source: str, probe: Probe, folder: Path) -> Path:
    """The MP3 of `source`'s first sound stream."""
    output = folder / "sound.mp3"
    arguments = [*_input(source), "-map", "0:a:0", "-vn", "-sn", "-dn", "-map_metadata", "-1"]
    arguments += ["-c:a", "libmp3lame", "-b:a", MP3_BITRATE, *_threads(), str(output)]
    ffmpeg(arguments, timeout=timeout_for(probe.duration))
    return output


@contextmanager
def local_original(name: str):
    """A path on disk holding the stored file `name`: where it lies, or a temporary copy."""
    try:
        yield default_storage.path(name)
        return
    except NotImplementedError:
        pass  # an object store: copy it down
    with tempfile.NamedTemporaryFile(suffix=PurePosixPath(name).suffix) as copy:
        with default_storage.open(name, "rb") as stored:
            for chunk in iter(lambda: stored.read(1024 * 1024), b""):
                copy.write(chunk)
        copy.flush()
        yield copy.name


def _store(path: Path, stem: str, suffix: str) -> str:
    folder = timezone.now().strftime("av/renditions/%Y/%m")
    with path.open("rb") as handle:
        return default_storage.save(f"{folder}/{stem}-{suffix}", File(handle))


def prepare(kind: str, original: str, pk: int) -> Result:
    """Make and store the renditions of the stored file `original` of `kind`; return them.

    TranscodeError when ffmpeg cannot; anything stored before the failure is removed again.
    """
    result = Result()
    stem = f"{slugify(PurePosixPath(original).stem)[:60] or 'tep'}-{pk}"
    try:
        with local_original(original) as source, tempfile.TemporaryDirectory() as folder:
            probe = measure(source, "tệp gốc: tệp hỏng hoặc không phải video, âm thanh")
            result.width, result.height = probe.width, probe.height
            if kind == "video":
                if not probe.has_video:
                    raise TranscodeError("Tệp không có hình.")
                outputs, poster = make_video(source, probe, Path(folder))
                for name, path in outputs.items():
                    result.sizes[name] = path.stat().st_size
                    result.renditions[name] = _store(path, stem, f"{name}.mp4")
                result.poster = _store(poster, stem, "poster.jpg")
                result.duration = measure(str(next(iter(outputs.values())))).duration
            else:
                if not probe.has_audio:
                    raise TranscodeError("Tệp không có tiếng.")
                output = make_audio(source, probe, Path(folder))
                result.sizes[MP3] = output.stat().st_size
                result.renditions[MP3] = _store(output, stem, "sound.mp3")
                result.duration = measure(str(output)).duration
        if probe.duration and (result.duration or 0) < SHORTER_BY * probe.duration - 0.5:
            read_seconds, whole = int(result.duration or 0), int(probe.duration)
            raise TranscodeError(f"Tệp bị cắt cụt: chỉ đọc được {read_seconds} trên {whole} giây.")
    except BaseException:
        delete(result)
        raise
    return result


def delete(result: Result) -> None:
    """Remove what a transcode stored (a failed one, or the renditions of a replaced file)."""
    delete_names([*result.renditions.values(), result.poster])


def delete_names(names) -> None:
    """Remove these files from storage; log what fails, so a row's deletion still stands."""
    for name in names:
        if name:
            try:
                default_storage.delete(name)
            except Exception:
                logger.exception("Could not delete %s from media storage", name)
