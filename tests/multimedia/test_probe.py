"""An upload is probed by the real ffprobe before it is accepted; hostile files are refused."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from multimedia.probe import check_upload, looks_truncated, run_ffprobe
from tests.multimedia.clips import make_clip


def upload(path, name=None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def refusal(file, kind) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check_upload(file, kind)
    return caught.value


def test_a_video_is_measured(clips):
    probe = check_upload(upload(clips["720"]), "video")
    assert (probe.width, probe.height) == (1280, 720)
    assert probe.has_video and probe.has_audio
    assert probe.duration == pytest.approx(1, abs=0.1)


@pytest.mark.parametrize("name", ["mp3", "wav"])
def test_sound_files_are_accepted(clips, name):
    probe = check_upload(upload(clips[name]), "audio")
    assert probe.has_audio and not probe.has_video


def test_a_webm_video_is_accepted(clips):
    assert check_upload(upload(clips["small"]), "video").height == 180


def test_a_text_file_named_mp4_is_refused():
    error = refusal(SimpleUploadedFile("clip.mp4", b"Day khong phai video.\n" * 50), "video")
    assert error.code == "unreadable"
    assert "Không đọc được tệp" in error.messages[0]


def test_a_file_cut_short_is_refused(clips, tmp_path):
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(clips["720"].read_bytes()[:40_000])  # its index is at the end: gone
    assert refusal(upload(cut), "video").code == "unreadable"


def test_a_faststart_file_cut_short_is_refused(clips, tmp_path):
    whole = clips["faststart"].read_bytes()
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(whole[: len(whole) // 3])  # its index comes first and still probes
    assert refusal(upload(cut), "video").code == "truncated"
    assert not looks_truncated(run_ffprobe(str(clips["faststart"])))


def test_an_upload_over_the_size_limit_is_refused_before_ffprobe_runs(clips, settings):
    settings.MEDIA_MAX_UPLOAD_BYTES = 1000
    settings.FFPROBE_PATH = "/nonexistent/ffprobe"  # running it would raise FileNotFoundError
    error = refusal(upload(clips["720"]), "video")
    assert error.code == "too_large"
    assert "Tệp quá lớn" in error.messages[0]


def test_a_file_longer_than_the_limit_is_refused(clips, settings):
    settings.MEDIA_MAX_SECONDS = 1
    error = refusal(
        upload(make_clip(clips["mp3"].parent / "dai.mp3", video=False, seconds=3)), "audio"
    )
    assert error.code == "too_long"
    assert error.messages[0] == "Tệp dài 3 giây, quá giới hạn 1 giây."


def test_a_ten_hour_file_is_refused_from_its_headers_alone(tmp_path):
    # A still picture for ten hours, one frame a minute: made in a second or two.
    long = make_clip(
        tmp_path / "muoi-gio.mp4",
        seconds=36000,
        size="64x64",
        audio=False,
        rate="1/60",
    )
    error = refusal(upload(long), "video")
    assert error.code == "too_long" and "10 giờ" in error.messages[0]


def test_a_video_without_a_picture_is_refused(clips, tmp_path):
    sound_as_mp4 = make_clip(tmp_path / "chi-tieng.mp4", video=False)
    assert refusal(upload(sound_as_mp4), "video").code == "no_video"


def test_a_sound_without_sound_is_refused(clips):
    silent = upload(clips["silent"], "khong-tieng.m4a")
    assert refusal(silent, "audio").code == "no_audio"


def test_a_video_under_a_sound_name_is_refused(clips):
    # The container must be the one its name says: an MP4 named .mp3 is not an MP3.
    assert refusal(upload(clips["360"], "tieng.mp3"), "audio").code == "format"


def test_other_types_are_refused_by_name(clips):
    error = refusal(upload(clips["360"], "clip.avi"), "video")
    assert error.messages == ["Chỉ nhận tệp MP4, MOV, WebM."]


def test_a_playlist_named_mp4_is_never_followed(tmp_path):
    playlist = b"#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n"
    assert refusal(SimpleUploadedFile("clip.mp4", playlist), "video").code == "unreadable"
