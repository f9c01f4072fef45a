"""The real ffmpeg makes the renditions: H.264/AAC MP4 at 720p and 360p (never larger than
the source), a JPEG poster, an MP3 with its length measured."""

from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from multimedia import transcode
from tests.multimedia.clips import make_clip, streams

pytestmark = pytest.mark.django_db


def stored(path) -> str:
    with path.open("rb") as handle:
        return default_storage.save(f"av/originals/{path.name}", handle)


def video_of(name: str) -> dict:
    found = streams(default_storage.path(name))
    return {s["codec_type"]: s for s in found["streams"]}


def test_a_720p_video_gets_720p_and_360p_h264_aac_with_faststart_and_a_poster(clips):
    result = transcode.prepare("video", stored(clips["720"]), 1)
    assert set(result.renditions) == {"720", "360"}
    for name, height in (("720", 720), ("360", 360)):
        found = video_of(result.renditions[name])
        assert found["video"]["codec_name"] == "h264" and found["audio"]["codec_name"] == "aac"
        assert found["video"]["height"] == height
        assert found["video"]["width"] == height * 16 // 9
        with default_storage.open(result.renditions[name]) as handle:
            head = handle.read(200)
        assert head.index(b"moov") < 100  # the index first: plays before it has all loaded
        assert result.sizes[name] == default_storage.size(result.renditions[name])
    with default_storage.open(result.poster) as poster:
        assert poster.read(3) == b"\xff\xd8\xff"  # JPEG
    assert result.duration == pytest.approx(1, abs=0.1)


def test_a_360p_video_is_never_upscaled(clips):
    result = transcode.prepare("video", stored(clips["360"]), 2)
    assert list(result.renditions) == ["360"]
    assert video_of(result.renditions["360"])["video"]["height"] == 360


def test_a_smaller_video_keeps_its_own_size(clips):
    result = transcode.prepare("video", stored(clips["small"]), 3)
    assert list(result.renditions) == ["360"]
    assert video_of(result.renditions["360"])["video"]["height"] == 180


def test_an_upright_phone_video_keeps_its_short_side(tmp_path):
    upright = make_clip(tmp_path / "dung.mp4", size="720x1280")
    result = transcode.prepare("video", stored(upright), 4)
    found = video_of(result.renditions["360"])["video"]
    assert (found["width"], found["height"]) == (360, 640)


def test_a_video_without_sound_is_made_without_sound(clips):
    result = transcode.prepare("video", stored(clips["silent"]), 5)
    assert "audio" not in video_of(result.renditions["360"])


@pytest.mark.parametrize("name", ["wav", "mp3"])
def test_sound_becomes_an_mp3_with_its_length(clips, name):
    result = transcode.prepare("audio", stored(clips[name]), 6)
    found = video_of(result.renditions["mp3"])
    assert found["audio"]["codec_name"] == "mp3"
    assert result.duration == pytest.approx(2 if name == "mp3" else 1, abs=0.15)
    assert result.sizes["mp3"] > 1000


def test_a_file_cut_short_fails_and_leaves_nothing_stored(clips, tmp_path):
    whole = clips["faststart"].read_bytes()
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(whole[: len(whole) // 3])
    name = stored(cut)
    with pytest.raises(transcode.TranscodeError, match="cắt cụt"):
        transcode.prepare("video", name, 7)
    root = Path(default_storage.location) / "av" / "renditions"
    assert not [path for path in root.rglob("*") if path.is_file()]


def test_a_hung_ffmpeg_is_stopped_at_its_timeout(clips, settings, tmp_path):
    # Stands in for an ffmpeg stuck on a hostile file: never answers.
    hang = tmp_path / "ffmpeg"
    hang.write_text("#!/bin/sh\nexec tail -f /dev/null\n")
    hang.chmod(0o755)
    settings.FFMPEG_PATH = str(hang)
    settings.MEDIA_TRANSCODE_TIMEOUT_BASE = 1
    settings.MEDIA_TRANSCODE_TIMEOUT_PER_SECOND = 0
    with pytest.raises(transcode.TranscodeError, match="quá 1 giây"):
        transcode.prepare("video", stored(clips["360"]), 8)
