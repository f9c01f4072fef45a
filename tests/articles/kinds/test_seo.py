"""Each kind's JSON-LD and Open Graph type."""

import pytest

from articles.kinds.seo import iso_duration
from articles.models import Article
from tests.articles.test_seo import json_ld, meta
from tests.factories import make_article

from .builders import make_kind_story, make_media

pytestmark = pytest.mark.django_db


def page(client, story) -> str:
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_iso_durations():
    assert iso_duration(125.4) == "PT2M5S"
    assert iso_duration(3725) == "PT1H2M5S"
    assert iso_duration(3600) == "PT1H"
    assert iso_duration(0) == "PT0S"


def test_ready_video_is_a_video_object_with_its_file_and_video_other(client):
    html = page(client, make_kind_story(Article.Kind.VIDEO, title="Lũ quét Mường Tè"))
    (data,) = json_ld(html)
    assert data["@type"] == "VideoObject"
    assert data["name"] == "Lũ quét Mường Tè"
    assert data["contentUrl"].endswith("/av/720/lai-chau.mp4")
    assert data["contentUrl"].startswith("http")
    assert data["thumbnailUrl"][0].endswith("/av/posters/lai-chau.jpg")
    assert data["duration"] == "PT2M5S"
    assert data["uploadDate"].endswith("+07:00")
    assert meta(html, "og:type") == ["video.other"]
    assert meta(html, "og:video")[0].endswith("/av/720/lai-chau.mp4")
    assert meta(html, "og:video:type") == ["video/mp4"]
    assert meta(html, "og:video:width") == ["1280"]


def test_video_still_being_prepared_is_a_news_article(client):
    html = page(client, make_kind_story(Article.Kind.VIDEO, video=make_media(ready=False)))
    assert [d["@type"] for d in json_ld(html)] == ["NewsArticle"]
    assert meta(html, "og:type") == ["article"]
    assert meta(html, "og:video") == []


def test_podcast_is_an_audio_object_with_og_audio(client):
    html = page(client, make_kind_story(Article.Kind.AUDIO))
    (data,) = json_ld(html)
    assert data["@type"] == "AudioObject"
    assert data["contentUrl"].endswith("/av/mp3/lai-chau.mp3")
    assert data["encodingFormat"] == "audio/mpeg"
    assert meta(html, "og:type") == ["article"]
    assert meta(html, "og:audio")[0].endswith("/av/mp3/lai-chau.mp3")


def test_photo_story_is_an_image_gallery_of_its_pictures_in_order(client):
    html = page(client, make_kind_story(Article.Kind.PHOTO, title="Mùa lúa"))
    (data,) = json_ld(html)
    assert data["@type"] == "ImageGallery"
    assert data["headline"] == "Mùa lúa"
    assert [image["caption"] for image in data["image"]] == [
        "Chú thích ảnh 1",
        "Chú thích ảnh 2",
        "Chú thích ảnh 3",
    ]
    assert data["image"][2]["creditText"] == "Quang Huy"
    assert all(image["@type"] == "ImageObject" for image in data["image"])
    assert meta(html, "og:type") == ["article"]


@pytest.mark.parametrize(
    "kind", [Article.Kind.TEXT, Article.Kind.LONGFORM, Article.Kind.INFOGRAPHIC]
)
def test_other_kinds_are_news_articles(client, kind):
    story = make_kind_story(kind) if kind != Article.Kind.TEXT else make_article()
    html = page(client, story)
    assert [d["@type"] for d in json_ld(html)] == ["NewsArticle"]
    assert meta(html, "og:type") == ["article"]


def test_a_live_story_is_one_live_blog_posting_with_the_storys_own_facts(client):
    html = page(client, make_kind_story(Article.Kind.LIVE, title="Kỳ họp HĐND tỉnh"))
    (data,) = json_ld(html)
    assert data["@type"] == "LiveBlogPosting"
    assert data["headline"] == "Kỳ họp HĐND tỉnh"
    assert data["publisher"]["@type"] == "NewsMediaOrganization"
    assert data["liveBlogUpdate"] == []
    assert meta(html, "og:type") == ["article"]
