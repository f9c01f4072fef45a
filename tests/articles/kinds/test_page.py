"""Each kind's story page: the text story's parts, and what its kind adds."""

import re

import pytest

from articles.models import Article
from tests.articles.test_views import assert_in_order, page_text
from tests.factories import make_article, make_image

from .builders import make_kind_story, make_media

pytestmark = pytest.mark.django_db

KINDS = [kind for kind in Article.Kind.values if kind != Article.Kind.TEXT]


def html_of(client, story) -> str:
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_shows_the_story_parts_under_one_h1(client, kind):
    story = make_kind_story(kind, title="Lai Châu vào mùa", tags=["Du lịch"])
    response = client.get(story.get_absolute_url())
    html = response.content.decode()
    assert len(re.findall(r"<h1\b", html)) == 1
    assert_in_order(
        page_text(response),
        [story.section.name, "Lai Châu vào mùa", "Sapo của bài viết", "Phóng viên", "Du lịch"],
    )
    assert 'id="binh-luan"' in html  # the comments


def test_video_story_shows_the_player_on_top(client):
    story = make_kind_story(Article.Kind.VIDEO)
    html = html_of(client, story)
    assert 'class="player player-video"' in html
    assert html.index("<h1") < html.index("player-video") < html.index('class="lead"')
    assert 'class="kind-mark kind-video"' in html


def test_video_story_still_being_prepared_says_so(client):
    story = make_kind_story(Article.Kind.VIDEO, video=make_media(ready=False))
    assert "đang được chuẩn bị" in html_of(client, story)


def test_audio_story_shows_the_audio_player(client):
    html = html_of(client, make_kind_story(Article.Kind.AUDIO))
    assert 'class="player player-audio"' in html


def test_photo_story_lists_its_pictures_large_in_their_order(client):
    story = make_kind_story(Article.Kind.PHOTO, title="Ruộng bậc thang")
    response = client.get(story.get_absolute_url())
    html = response.content.decode()
    # A plain list, all there without JavaScript; the script only enhances it.
    assert '<ol class="gallery-list">' in html
    assert html.count('class="gallery-item"') == 3
    assert "js/gallery.js" in html
    assert_in_order(
        page_text(response),
        ["1/3 Chú thích ảnh 1", "2/3 Chú thích ảnh 2", "3/3 Chú thích ảnh 3 (Quang Huy)"],
    )
    assert html.count("<picture>") == 3
    assert html.count('loading="lazy"') == 2  # the first picture loads at once


def test_long_form_story_draws_its_pictures_across_the_screen(client):
    picture = make_image("Đồi chè")
    body = (
        f'<h2>Phần một</h2><p>Đoạn.</p><figure data-image-id="{picture.pk}"><img src="'
        f'{picture.file.url}" data-file="{picture.pk}" alt="Đồi chè"></figure><h2>Phần hai</h2>'
    )
    story = make_kind_story(Article.Kind.LONGFORM, body=body, hero_image=make_image("Mở đầu"))
    html = html_of(client, story)
    assert 'class="story story-longform"' in html
    # The opening picture and the one between sections, each its WebP source and its img.
    assert html.count('sizes="100vw"') == 4
    assert len(re.findall(r"<h1\b", html)) == 1


def test_infographic_shows_its_picture_whole_and_its_text_alternative(client):
    story = make_kind_story(Article.Kind.INFOGRAPHIC)
    response = client.get(story.get_absolute_url())
    html = response.content.decode()
    assert 'class="infographic-graphic"' in html
    assert 'width="800" height="2400"' in html  # drawn at its own proportions, not cropped
    assert 'href="#noi-dung-infographic"' in html
    assert_in_order(page_text(response), ["Nội dung infographic", "tỷ lệ hộ nghèo giảm"])


def test_text_story_page_is_unchanged_by_kinds(client):
    html = html_of(client, make_article("Bài thường"))
    assert "kind-mark" not in html and "gallery" not in html and "player" not in html


def test_staff_preview_of_a_photo_story_shows_its_pictures(editor_client):
    story = make_kind_story(Article.Kind.PHOTO, status=Article.Status.DRAFT)
    response = editor_client.get(f"/admin/articles/article/{story.pk}/preview/")
    html = response.content.decode()
    assert "Bản xem trước" in html and html.count('class="gallery-item"') == 3


@pytest.mark.parametrize("kind", [Article.Kind.LONGFORM, Article.Kind.PHOTO, Article.Kind.VIDEO])
def test_an_embed_in_a_kinds_body_is_still_a_click_to_load_placeholder(client, kind):
    video = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    story = make_kind_story(kind, body=f"<p>Mở đầu.</p><p>{video}</p>")
    html = html_of(client, story)
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert "<iframe" not in html and "js/embeds.js" in html
