"""The podcast feed (/podcast/rss/): the audio stories whose sound is ready, read by feedparser
as a podcast app reads it, in a fixed number of queries."""

import feedparser
import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from multimedia.models import MediaFile
from tests.factories import make_article, make_image
from tests.multimedia.clips import make_clip, new_media, prepared

pytestmark = pytest.mark.django_db

FEED = reverse("articles:podcast-feed")


@pytest.fixture(scope="module")
def sound(tmp_path_factory):
    return make_clip(tmp_path_factory.mktemp("podcast") / "ban-tin.mp3", video=False, seconds=2)


@pytest.fixture
def ready(sound):
    return prepared(new_media(sound, kind="audio", title="Bản tin sáng"))


def episode(media, title="Bản tin sáng thứ Hai", **fields):
    return make_article(title, kind="audio", audio=media, **fields)


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def test_an_episode_has_its_mp3_length_and_duration(client, ready, settings):
    settings.SITE_NAME = "Báo Mường Lay"
    story = episode(ready, byline="Lò Văn Pọm", hero_image=make_image(size=(60, 60)))
    feed = parse(client.get(FEED))
    assert feed.feed.title == "Báo Mường Lay – Podcast"
    assert feed.feed.author == "Báo Mường Lay"
    assert feed.feed.image.href.endswith("/static/img/logo.png")
    assert b"<itunes:explicit>false</itunes:explicit>" in client.get(FEED).content
    assert feed.feed.tags[0].term == "News"
    assert feed.feed.publisher_detail.email == settings.SITE_EMAIL
    (entry,) = feed.entries
    assert entry.title == story.title
    assert entry.link.endswith(story.get_absolute_url())
    (enclosure,) = entry.enclosures
    assert enclosure.type == "audio/mpeg"
    assert enclosure.href.startswith("http://testserver/media/av/renditions/")
    assert enclosure.href.endswith(".mp3")
    assert int(enclosure.length) == ready.sizes["mp3"] > 0
    assert entry.itunes_duration == "00:02"
    assert entry.author == "Lò Văn Pọm"
    assert entry.image.href.endswith(".jpg") or entry.image.href.endswith(".png")


def test_only_public_audio_stories_with_a_ready_sound_are_episodes(client, ready, sound):
    waiting = new_media(sound, kind="audio", title="Chưa xong")
    episode(ready, "Đã phát")
    episode(waiting, "Đang chuẩn bị")
    episode(ready, "Bản nháp", status=Article.Status.DRAFT)
    make_article("Bài chữ")
    titles = [entry.title for entry in parse(client.get(FEED)).entries]
    assert titles == ["Đã phát"]


def test_the_feed_names_come_from_the_settings(client, ready, settings):
    settings.PODCAST_TITLE = "Báo nói Lai Châu"
    settings.PODCAST_AUTHOR = "Ban Phát thanh"
    settings.PODCAST_IMAGE = "https://cdn.example.org/podcast.jpg"
    settings.PODCAST_CATEGORY = "Society &amp; Culture"
    episode(ready)
    feed = parse(client.get(FEED))
    assert feed.feed.title == "Báo nói Lai Châu" and feed.feed.author == "Ban Phát thanh"
    assert feed.feed.image.href == "https://cdn.example.org/podcast.jpg"


def test_an_episode_shows_once_its_sound_is_ready(sound, django_capture_on_commit_callbacks):
    media = new_media(sound, kind="audio", title="Thời sự trưa")
    episode(media, "Thời sự trưa")
    assert parse(Client().get(FEED)).entries == []
    assert Client().get(FEED)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        prepared(media)  # the worker's task: the feed is purged
    assert [e.title for e in parse(Client().get(FEED)).entries] == ["Thời sự trưa"]


@pytest.mark.parametrize("n", [1, 12])
def test_the_feed_query_count_is_fixed(client, sound, django_assert_max_num_queries, n):
    media = prepared(new_media(sound, kind="audio"))
    for i in range(n):
        episode(media, f"Số {i}", hero_image=make_image(size=(40, 30)) if i % 2 else None)
    with django_assert_max_num_queries(1):
        assert len(parse(client.get(FEED)).entries) == n


def test_a_failed_sound_is_no_episode(client, tmp_path):
    broken = tmp_path / "hong.mp3"
    broken.write_bytes(b"ID3" + b"\0" * 100)
    media = prepared(new_media(broken, kind="audio"))
    assert media.state == MediaFile.State.FAILED
    episode(media)
    assert parse(client.get(FEED)).entries == []
