"""The player include: the browser's own player once ready, a note before, nothing if failed."""

import pytest
from django.core.files.base import ContentFile
from django.template.loader import render_to_string

from multimedia.durations import clock_duration, iso_duration, spoken_duration
from multimedia.models import MediaFile
from tests.multimedia.clips import new_media, prepared

pytestmark = pytest.mark.django_db


def player(media) -> str:
    return render_to_string("multimedia/player.html", {"media": media})


@pytest.fixture
def video(clips):
    media = prepared(new_media(clips["720"], title="Chợ phiên Tam Đường", credit="Đài PT-TH"))
    media.captions.save("phu-de.vtt", ContentFile(b"WEBVTT\n"))
    return media


def test_a_ready_video_plays_in_the_browser_own_player_with_captions(video):
    html = player(video)
    assert '<video class="player-video-frame" controls preload="none" playsinline' in html
    assert "autoplay" not in html
    assert f'poster="{video.poster.url}"' in html
    assert 'width="1280" height="720"' in html
    big, small = video.rendition_url("720"), video.rendition_url("360")
    assert html.index(big) < html.index(small)  # a browser without `media` takes the 720p
    assert f'<source src="{big}" type="video/mp4" media="(min-width: 641px)">' in html
    assert f'<source src="{small}" type="video/mp4">' in html
    track = f'<track kind="captions" srclang="vi" label="Tiếng Việt" src="{video.captions.url}"'
    assert f"{track} default>" in html
    assert "Chợ phiên Tam Đường" in html and "Đài PT-TH" in html
    assert '<time datetime="PT1S">1 giây</time>' in html


def test_a_small_video_has_one_source_for_every_screen(clips):
    media = prepared(new_media(clips["360"]))
    html = player(media)
    assert html.count("<source") == 1 and "media=" not in html and "<track" not in html


def test_a_ready_sound_plays_in_an_audio_player(clips):
    media = prepared(new_media(clips["mp3"], kind="audio", title="Bản tin"))
    html = player(media)
    assert (
        f'<audio class="player-audio-frame" controls preload="none" src="{media.mp3_url}">' in html
    )
    assert "2 giây" in html


@pytest.mark.parametrize(
    ("kind", "note"),
    [("video", "Video đang được chuẩn bị"), ("audio", "Âm thanh đang được chuẩn bị")],
)
def test_until_ready_the_page_says_it_is_being_prepared(clips, kind, note):
    media = new_media(clips["mp3"] if kind == "audio" else clips["360"], kind=kind)
    html = player(media)
    assert note in html and "<video" not in html and "<audio" not in html


def test_a_failed_file_shows_readers_nothing(clips):
    media = new_media(clips["360"])
    MediaFile.objects.filter(pk=media.pk).update(state=MediaFile.State.FAILED, error="hỏng")
    media.refresh_from_db()
    assert player(media).strip() == ""
    assert player(None).strip() == ""


@pytest.mark.parametrize(
    ("seconds", "spoken", "clock", "iso"),
    [
        (200, "3 phút 20 giây", "03:20", "PT3M20S"),
        (45.4, "45 giây", "00:45", "PT45S"),
        (3900, "1 giờ 5 phút", "1:05:00", "PT1H5M0S"),
        (3600, "1 giờ", "1:00:00", "PT1H0S"),
        (120, "2 phút", "02:00", "PT2M0S"),
        (0, "0 giây", "00:00", "PT0S"),
    ],
)
def test_durations_in_vietnamese_and_for_machines(seconds, spoken, clock, iso):
    assert spoken_duration(seconds) == spoken
    assert clock_duration(seconds) == clock
    assert iso_duration(seconds) == iso
