from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.counters import add_views, pending_views, record_view
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_a_page_view_writes_nothing_to_the_database(client, settings):
    settings.VIEW_COUNT_FLUSH_EVERY = 10
    story = make_article("Tin")
    for _ in range(9):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(story.get_absolute_url()).status_code == 200
        assert not [q for q in queries if q["sql"].lstrip().upper().startswith("UPDATE")]
    story.refresh_from_db()
    assert story.view_count == 0
    assert pending_views([story.pk]) == {story.pk: 9}


def test_every_nth_view_writes_the_batch(client, settings):
    settings.VIEW_COUNT_FLUSH_EVERY = 10
    story = make_article("Tin")
    for _ in range(25):
        client.get(story.get_absolute_url())
    story.refresh_from_db()
    assert story.view_count == 20
    assert pending_views([story.pk]) == {story.pk: 5}


def test_flush_command_writes_the_rest_once(settings):
    settings.VIEW_COUNT_FLUSH_EVERY = 1000
    first, second, unseen = make_article(), make_article(), make_article()
    for _ in range(3):
        record_view(first.pk)
    record_view(second.pk)
    out = StringIO()
    call_command("flush_view_counts", stdout=out)
    call_command("flush_view_counts", stdout=out)
    assert out.getvalue().splitlines() == ["Đã ghi 4 lượt xem.", "Đã ghi 0 lượt xem."]
    first.refresh_from_db(), second.refresh_from_db(), unseen.refresh_from_db()
    assert (first.view_count, second.view_count, unseen.view_count) == (3, 1, 0)


def test_redirects_and_missing_stories_count_no_view(client):
    story = make_article("Tin")
    client.get(f"/bai-viet/sai-{story.pk}/")
    client.get("/bai-viet/khong-co-999999/")
    assert pending_views([story.pk, 999999]) == {}


def test_a_broken_cache_loses_the_count_not_the_page(client, monkeypatch, caplog):
    story = make_article("Tin")

    def down(*args, **kwargs):
        raise ConnectionError("cache is down")

    monkeypatch.setattr("articles.counters.cache.add", down)
    assert client.get(story.get_absolute_url()).status_code == 200
    assert "not counted" in caplog.text


def test_a_servers_batch_of_views_writes_each_full_batch_once(settings):
    """The page cache's front adds a worker's views at once (pagecache/front.py)."""
    settings.VIEW_COUNT_FLUSH_EVERY = 20
    story = make_article("Tin")
    add_views(story.pk, 15)
    add_views(story.pk, 30)  # passes 20 and 40: two batches
    add_views(story.pk, 3)
    story.refresh_from_db()
    assert (story.view_count, pending_views([story.pk])) == (40, {story.pk: 8})
