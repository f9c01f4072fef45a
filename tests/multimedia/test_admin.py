"""Uploading video and sound at the desk: checked before anything is kept, message beside
the field, never a 500; the desk's roles may upload, moderators may not."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.test import RequestFactory
from django.urls import resolve, reverse

from multimedia.models import MediaFile
from multimedia.uploads import MediaUploadHandler
from tests.desk_users import editor, journalist, moderator

pytestmark = pytest.mark.django_db

ADD = reverse("admin:multimedia_mediafile_add")


@pytest.fixture
def desk_client(client):
    client.force_login(journalist())
    return client


def post(client, path, *, kind="video", name=None, captions=None, **extra):
    data = {"kind": kind, "title": "Lễ hội Then", "credit": "Đài PT-TH", **extra}
    with path.open("rb") as handle:
        data["original"] = SimpleUploadedFile(name or path.name, handle.read())
    if captions is not None:
        data["captions"] = captions
    return client.post(ADD, data)


def field_errors(response, field="original") -> list[str]:
    assert response.status_code == 200, response.status_code
    return response.context["adminform"].form.errors.get(field, [])


def test_a_journalist_uploads_a_video_that_is_prepared(
    desk_client, clips, django_capture_on_commit_callbacks
):
    vtt = SimpleUploadedFile("phu-de.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nXin chào\n".encode())
    with django_capture_on_commit_callbacks(execute=True):
        response = post(desk_client, clips["720"], captions=vtt)
    assert response.status_code == 302
    media = MediaFile.objects.get()
    assert media.uploaded_by.username == "phongvien"
    assert (media.width, media.height) == (1280, 720)
    assert media.is_ready and media.captions.name.endswith(".vtt")
    change = desk_client.get(reverse("admin:multimedia_mediafile_change", args=[media.pk]))
    html = change.content.decode()
    assert '<video controls preload="none"' in html and media.rendition_url("360") in html


def test_a_text_file_named_mp4_is_refused_beside_the_field(desk_client, tmp_path):
    fake = tmp_path / "clip.mp4"
    fake.write_text("Đây không phải video.")
    response = post(desk_client, fake)
    assert "Không đọc được tệp này" in field_errors(response)[0]
    assert 'class="errorlist' in response.content.decode()
    assert not MediaFile.objects.exists()


def test_an_oversize_upload_is_refused_and_nothing_is_kept(desk_client, clips, settings, tmp_path):
    settings.MEDIA_MAX_UPLOAD_BYTES = 10_000
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    response = post(desk_client, clips["720"])
    assert field_errors(response)[0].startswith("Tệp quá lớn")
    assert not MediaFile.objects.exists()


def test_a_sound_posted_as_a_video_is_refused(desk_client, clips):
    response = post(desk_client, clips["mp3"], kind="video")
    assert field_errors(response) == ["Chỉ nhận tệp MP4, MOV, WebM."]


def test_captions_that_are_not_webvtt_are_refused(desk_client, clips):
    srt = SimpleUploadedFile("phu-de.vtt", b"1\n00:00:00,000 --> 00:00:01,000\nXin chao\n")
    response = post(desk_client, clips["360"], captions=srt)
    assert "WEBVTT" in field_errors(response, "captions")[0]
    assert not MediaFile.objects.exists()


def test_a_video_larger_than_a_picture_may_be_is_spooled_not_dropped(
    desk_client, clips, settings, django_capture_on_commit_callbacks
):
    # The picture handler would keep nothing of a file over its limit: the media one takes it.
    settings.IMAGE_MAX_UPLOAD_BYTES = 1000
    with django_capture_on_commit_callbacks(execute=True):
        response = post(desk_client, clips["360"])
    assert response.status_code == 302
    assert MediaFile.objects.get().is_ready


def test_media_uploads_go_to_a_temporary_file_pictures_stay_in_memory(clips):
    body = {"original": SimpleUploadedFile("a.mp4", clips["360"].read_bytes())}
    for path, expected in ((ADD, TemporaryUploadedFile), ("/admin/articles/image/add/", None)):
        request = RequestFactory().post(path, body)
        request.resolver_match = resolve(path)
        request.upload_handlers.insert(0, MediaUploadHandler(request))
        with request.FILES["original"] as upload:
            if expected:
                assert isinstance(upload, expected)
                assert upload.temporary_file_path()
            else:
                assert not hasattr(upload, "temporary_file_path")


def test_the_list_shows_kind_state_and_length(client, clips, django_capture_on_commit_callbacks):
    client.force_login(editor())
    with django_capture_on_commit_callbacks(execute=True):
        post(client, clips["mp3"], kind="audio", title="Bản tin sáng")
    html = client.get(reverse("admin:multimedia_mediafile_changelist")).content.decode()
    assert "Bản tin sáng" in html and "Sẵn sàng" in html and "2 giây" in html


def test_the_story_form_finds_files_by_title(client, clips, django_capture_on_commit_callbacks):
    client.force_login(editor())
    with django_capture_on_commit_callbacks(execute=True):
        post(client, clips["mp3"], kind="audio", title="Bản tin sáng")
    found = client.get(
        reverse("admin:autocomplete"),
        {"term": "tin", "app_label": "articles", "model_name": "article", "field_name": "audio"},
    )
    assert found.status_code == 200
    assert [r["text"] for r in found.json()["results"]] == ["Bản tin sáng"]


def test_a_moderator_may_not_upload(client, clips):
    client.force_login(moderator())
    assert post(client, clips["360"]).status_code == 403


def test_a_journalist_may_not_replace_a_ready_file_or_anyone_elses(
    client, clips, django_capture_on_commit_callbacks
):
    """A ready file may play on a live story: replacing it is an editor's step."""
    reporter = journalist()
    client.force_login(reporter)
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, clips["720"]).status_code == 302
    own = MediaFile.objects.get()
    assert own.is_ready
    others = MediaFile.objects.create(
        kind="video", title="Của người khác", original=own.original.name, uploaded_by=editor()
    )
    for media in (own, others):
        url = reverse("admin:multimedia_mediafile_change", args=[media.pk])
        with clips["360"].open("rb") as handle:
            replaced = client.post(
                url, {"kind": "video", "title": "Thay", "original": handle, "credit": ""}
            )
        assert replaced.status_code == 403
        media.refresh_from_db()
        assert media.title != "Thay"
    # Still readable: the desk sees its upload and its renditions.
    page = client.get(reverse("admin:multimedia_mediafile_change", args=[own.pk]))
    assert page.status_code == 200 and "<video" in page.content.decode()


def test_an_editor_may_replace_any_file(client, clips, django_capture_on_commit_callbacks):
    client.force_login(journalist())
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, clips["720"]).status_code == 302
    media = MediaFile.objects.get()
    client.force_login(editor())
    url = reverse("admin:multimedia_mediafile_change", args=[media.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"kind": "video", "title": "Bản mới", "credit": ""})
    assert response.status_code == 302
    media.refresh_from_db()
    assert media.title == "Bản mới"
