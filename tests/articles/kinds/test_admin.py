"""The desk: the kind on the story form, its fields refused beside them, the gallery rows."""

import pytest

from articles.models import Article, GalleryPicture
from tests.articles.desk_forms import change_url, form_data
from tests.factories import make_article, make_image, make_section

from .builders import TEXT_ALTERNATIVE, make_media

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/add/"
LIST_URL = "/admin/articles/article/"


def gallery_rows(*rows, initial: int = 0) -> dict:
    """The gallery inline's fields: each row (image, position, caption)."""
    data = {
        "gallery-TOTAL_FORMS": str(len(rows)),
        "gallery-INITIAL_FORMS": str(initial),
        "gallery-MIN_NUM_FORMS": "0",
        "gallery-MAX_NUM_FORMS": "1000",
    }
    for n, (image, position, caption) in enumerate(rows):
        data.update(
            {
                f"gallery-{n}-image": str(image.pk),
                f"gallery-{n}-position": str(position),
                f"gallery-{n}-caption": caption,
                f"gallery-{n}-credit": "",
            }
        )
    return data


def new_story(**overrides) -> dict:
    return form_data(section=str(make_section("Xã hội").pk), **overrides)


def errors_of(response, field: str) -> list[str]:
    return list(response.context["adminform"].form.errors.get(field, []))


def test_story_form_offers_the_kind_near_the_top(editor_client):
    html = editor_client.get(ADD_URL).content.decode()
    assert html.index('name="kind"') < html.index('name="section"') < html.index('name="lead"')
    assert 'name="video"' in html and 'name="audio"' in html
    assert 'name="gallery-TOTAL_FORMS"' in html


def test_publishing_a_video_story_without_its_video_is_refused_beside_the_field(editor_client):
    data = new_story(title="Phóng sự lũ quét", kind="video", _publish="1")
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert errors_of(response, "video") == [
        "Bài video cần có video: hãy chọn hoặc tải lên tệp video."
    ]
    assert 'value="Phóng sự lũ quét"' in response.content.decode()  # what was typed stays
    assert not Article.objects.exists()


def test_a_video_story_may_be_saved_as_a_draft_without_its_video(editor_client):
    response = editor_client.post(ADD_URL, new_story(title="Nháp video", kind="video"))
    assert response.status_code == 302
    assert Article.objects.get().kind == Article.Kind.VIDEO


def test_a_video_story_with_its_video_is_published(editor_client):
    video = make_media()
    data = new_story(title="Phóng sự", kind="video", video=str(video.pk), _publish="1")
    assert editor_client.post(ADD_URL, data).status_code == 302
    story = Article.objects.get()
    assert story.is_public and story.video == video


def test_submitting_an_audio_story_without_its_sound_is_refused(reporter_client):
    response = reporter_client.post(ADD_URL, new_story(kind="audio", _submit="1"))
    assert "âm thanh" in errors_of(response, "audio")[0]


def test_infographic_without_text_alternative_is_refused_beside_the_body(editor_client):
    data = new_story(kind="infographic", body="<p>Xem ảnh.</p>", _publish="1")
    response = editor_client.post(ADD_URL, data)
    assert "ít nhất một đoạn" in errors_of(response, "body")[0]
    assert "ảnh đồ họa" in errors_of(response, "hero_image")[0]
    picture = make_image()
    data.update(body=TEXT_ALTERNATIVE, hero_image=str(picture.pk))
    assert editor_client.post(ADD_URL, data).status_code == 302


def test_photo_story_with_two_pictures_is_refused_above_its_pictures(editor_client):
    picture = make_image()
    rows = gallery_rows((picture, 1, "Một"), (picture, 2, "Hai"))
    response = editor_client.post(ADD_URL, new_story(kind="photo", _publish="1", **rows))
    assert response.status_code == 200
    formset = next(
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "gallery"
    )
    assert "ít nhất 3 ảnh" in formset.formset.non_form_errors()[0]
    assert "ít nhất 3 ảnh" in response.content.decode()
    assert not Article.objects.exists()


def test_photo_story_picture_without_caption_is_marked_in_its_row(editor_client):
    picture = make_image()
    rows = gallery_rows((picture, 1, "Một"), (picture, 2, ""), (picture, 3, "Ba"))
    response = editor_client.post(ADD_URL, new_story(kind="photo", _publish="1", **rows))
    formset = next(
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "gallery"
    )
    assert "ảnh thứ 2 chưa có" in formset.formset.non_form_errors()[0]
    assert formset.formset.forms[1].errors["caption"]


def test_photo_story_with_three_captioned_pictures_is_published_in_their_order(editor_client):
    pictures = [make_image(f"Ảnh {n}") for n in range(3)]
    rows = gallery_rows((pictures[0], 3, "Ba"), (pictures[1], 1, "Một"), (pictures[2], 2, "Hai"))
    assert (
        editor_client.post(ADD_URL, new_story(kind="photo", _publish="1", **rows)).status_code
        == 302
    )
    story = Article.objects.get()
    assert story.is_public
    assert [p.caption for p in story.gallery.all()] == ["Một", "Hai", "Ba"]


def test_live_photo_story_cannot_lose_its_pictures_on_a_plain_save(editor_client):
    story = make_article(kind=Article.Kind.PHOTO)
    picture = make_image()
    kept = [
        GalleryPicture.objects.create(article=story, image=picture, position=n, caption=f"Ảnh {n}")
        for n in range(3)
    ]
    data = form_data(
        story,
        kind="photo",
        **gallery_rows(*[(picture, n, f"Ảnh {n}") for n in range(3)], initial=3),
    )
    for n, row in enumerate(kept):
        data[f"gallery-{n}-id"] = str(row.pk)
        data[f"gallery-{n}-article"] = str(story.pk)
    data["gallery-2-DELETE"] = "on"
    response = editor_client.post(change_url(story), data)
    assert response.status_code == 200
    assert story.gallery.count() == 3


def test_story_list_shows_and_filters_by_kind(editor_client):
    make_article("Bài chữ")
    make_article("Phóng sự ảnh", kind=Article.Kind.PHOTO)
    html = editor_client.get(LIST_URL).content.decode()
    assert '<span class="badge kind-photo">Ảnh</span>' in html
    html = editor_client.get(LIST_URL, {"kind__exact": "photo"}).content.decode()
    assert ">Phóng sự ảnh<" in html and ">Bài chữ<" not in html
