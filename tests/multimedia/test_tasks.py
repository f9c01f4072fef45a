"""An upload is prepared after it is saved (in process here): ready, or failed with its error."""

from datetime import timedelta

import pytest
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from multimedia.models import MediaFile
from multimedia.signals import media_changed
from multimedia.tasks import requeue_stuck_media
from tests.multimedia.clips import new_media

pytestmark = pytest.mark.django_db


@pytest.fixture
def announced():
    seen = []

    def note(sender, media, **kwargs):
        seen.append((media.pk, media.state))

    media_changed.connect(note)
    yield seen
    media_changed.disconnect(note)


def test_a_new_video_is_made_ready_with_its_renditions(
    clips, django_capture_on_commit_callbacks, announced
):
    with django_capture_on_commit_callbacks(execute=True):
        media = new_media(clips["720"])
    media.refresh_from_db()
    assert media.state == MediaFile.State.READY and media.error == ""
    assert set(media.renditions) == {"720", "360"}
    assert all(default_storage.exists(name) for name in media.renditions.values())
    assert default_storage.exists(media.poster.name)
    assert media.duration == pytest.approx(1, abs=0.1)
    assert announced == [(media.pk, MediaFile.State.READY)]


def test_a_sound_is_made_an_mp3(clips, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        media = new_media(clips["wav"], kind="audio")
    media.refresh_from_db()
    assert media.is_ready and media.renditions["mp3"].endswith(".mp3")
    assert media.sizes["mp3"] == default_storage.size(media.renditions["mp3"])


def test_a_file_that_breaks_mid_transcode_fails_with_a_clear_error(
    clips, tmp_path, django_capture_on_commit_callbacks, announced
):
    whole = clips["faststart"].read_bytes()
    cut = tmp_path / "cat-cut.mp4"
    cut.write_bytes(whole[: len(whole) // 3])
    with django_capture_on_commit_callbacks(execute=True):
        media = new_media(cut)
    media.refresh_from_db()
    assert media.state == MediaFile.State.FAILED
    assert "cắt cụt" in media.error
    assert media.renditions == {} and not media.poster
    assert announced == [(media.pk, MediaFile.State.FAILED)]


def test_a_file_ffmpeg_cannot_read_fails_at_once(tmp_path, django_capture_on_commit_callbacks):
    text = tmp_path / "van-ban.mp4"
    text.write_text("không phải video")
    with django_capture_on_commit_callbacks(execute=True):
        media = new_media(text)
    media.refresh_from_db()
    assert media.state == MediaFile.State.FAILED and media.error


def test_a_replaced_original_is_prepared_again_and_the_old_renditions_go(
    clips, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        media = new_media(clips["720"])
    media.refresh_from_db()
    old = list(media.renditions.values())
    with django_capture_on_commit_callbacks(execute=True), clips["360"].open("rb") as handle:
        media.original = File(handle, "moi.mp4")
        media.save()
    media.refresh_from_db()
    assert media.is_ready and list(media.renditions) == ["360"]
    assert not any(default_storage.exists(name) for name in old)


def test_a_deleted_file_leaves_nothing_in_storage(clips, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        media = new_media(clips["360"])
    media.refresh_from_db()
    names = [media.original.name, media.poster.name, *media.renditions.values()]
    with django_capture_on_commit_callbacks(execute=True):
        media.delete()
    assert not any(default_storage.exists(name) for name in names)


def test_a_file_left_preparing_is_queued_again(clips, django_capture_on_commit_callbacks):
    # Saved while the broker was down: its task never ran.
    media = new_media(clips["360"], duration=1.0)
    MediaFile.objects.filter(pk=media.pk).update(uploaded_at=timezone.now() - timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_stuck_media() == 1
    media.refresh_from_db()
    assert media.is_ready
    assert requeue_stuck_media() == 0


def test_a_long_file_still_in_the_works_is_not_queued_twice(clips):
    media = new_media(clips["360"], duration=3 * 3600.0)
    MediaFile.objects.filter(pk=media.pk).update(uploaded_at=timezone.now() - timedelta(hours=1))
    assert requeue_stuck_media() == 0
