"""A story's video or sound becoming ready (or failing) purges the pages showing it
(articles/pages.py's receiver of multimedia.signals.media_changed)."""

import pytest
from django.test import Client

from tests.factories import make_article
from tests.multimedia.clips import make_clip, new_media, prepared

pytestmark = pytest.mark.django_db


def warm(url: str) -> None:
    Client().get(url)
    assert Client().get(url)["X-Page-Cache"] == "hit"


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    return make_clip(tmp_path_factory.mktemp("purge") / "clip.mp4", size="320x180")


@pytest.mark.parametrize("field", ["video", "audio"])
def test_a_file_made_ready_purges_the_story_pages_showing_it(
    clip, field, django_capture_on_commit_callbacks
):
    media = new_media(clip, kind="video" if field == "video" else "audio")
    story = make_article("Lễ hội Gầu Tào", kind=field, **{field: media})
    other = make_article("Tin khác")
    warm(story.get_absolute_url())
    warm(other.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        prepared(media)
    assert Client().get(story.get_absolute_url())["X-Page-Cache"] != "hit"


def test_a_file_no_story_shows_purges_nothing(clip, django_capture_on_commit_callbacks):
    story = make_article("Tin khác")
    warm(story.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        prepared(new_media(clip))
    assert Client().get(story.get_absolute_url())["X-Page-Cache"] == "hit"


def test_choosing_another_video_purges_the_story(clip):
    first, second = new_media(clip, title="Một"), new_media(clip, title="Hai")
    story = make_article("Lễ hội", kind="video", video=first)
    warm(story.get_absolute_url())
    story.video = second
    story.save()
    assert Client().get(story.get_absolute_url())["X-Page-Cache"] != "hit"
