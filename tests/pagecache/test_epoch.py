"""Purge numbers: a purge that Redis lost never lets a page stored before it count as current.

Against a redis-server of the test's own, with snapshots on, stopped and restarted from its
snapshot; the purge number's reads happen outside transactions, so these tests commit.
"""

import time

import pytest
import time_machine
from django.core.cache import cache

from articles.models import Article
from newsroom import cache as resilient
from newsroom import routers
from pagecache import epoch, versions
from tests.factories import make_article
from tests.harness.stores import redis_server

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def redis(settings, tmp_path):
    """The cache is our own Redis (snapshots on), asked again as soon as it answers."""
    with redis_server(tmp_path / "redis") as server:
        settings.CACHE_RETRY_SECONDS = 0
        settings.CACHES = {
            "default": {
                "BACKEND": "newsroom.cache.ResilientRedisCache",
                "LOCATION": server.url,
                "KEY_PREFIX": "epoch-test",
                "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
            }
        }
        resilient._DOWN_UNTIL.clear()
        yield server
        resilient._DOWN_UNTIL.clear()


def cached(client, article) -> str:
    client.get(article.get_absolute_url())
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response["X-Page-Cache"]


def unpublish(article) -> None:
    article.status = Article.Status.UNPUBLISHED
    article.save()


def test_a_story_unpublished_while_redis_is_down_is_gone_when_it_comes_back(client, redis):
    article = make_article("Bài phải gỡ vì lý do pháp lý")
    assert cached(client, article) == "hit"
    redis.stop(save=True)  # the snapshot holds the page and its generations

    unpublish(article)  # the purge cannot reach Redis
    redis.start()

    for _ in range(3):
        assert client.get(article.get_absolute_url()).status_code == 404


def test_redis_back_from_an_older_snapshot_serves_no_page_stored_before(client, redis):
    article = make_article("Bài phải gỡ vì lý do pháp lý")
    assert cached(client, article) == "hit"
    redis.client().save()  # the last snapshot before the purge
    unpublish(article)  # reaches Redis...
    assert client.get(article.get_absolute_url()).status_code == 404
    redis.stop(save=False)  # ...which dies before its next snapshot

    redis.start()
    epoch.known(doubt=True)  # what a process does when its subscription is made afresh

    for _ in range(3):
        assert client.get(article.get_absolute_url()).status_code == 404


def test_a_purge_moves_redis_number_only_from_the_one_before(redis):
    generation = {versions.GENERATION_KEY.format("site"): "x"}
    epoch.write(generation, 1, frozenset({"site"}))
    assert cache.get(epoch.KEY) == 1
    epoch.write(generation, 3, frozenset({"site"}))  # number 2 never reached Redis
    assert cache.get(epoch.KEY) == 1
    assert epoch.reset(versions.GENERATION_KEY.format("*"), "new", 3) == "new"
    assert cache.get(epoch.KEY) == 3


def test_the_number_is_counted_in_the_database_and_read_from_there(redis):
    first = epoch.count_up()
    assert epoch.count_up() == first + 1
    assert epoch.known(doubt=True) == first + 1
    assert epoch.behind(first) and not epoch.behind(first + 1)


def test_every_process_renews_everything_once_redis_is_found_behind(redis):
    versions.bump("site", number=epoch.count_up())  # Redis holds every purge so far
    before = versions.read(["site"])[0]
    epoch.count_up()  # a purge that never reached Redis
    epoch.known(doubt=True)
    after = versions.read(["site"])[0]
    assert after.token != before.token
    assert after.generations["site"] == before.generations["site"]
    assert versions.read(["site"])[0].token == after.token  # once, not on every read


def test_a_page_showing_what_changed_lately_renders_from_the_primary(settings):
    """Within the replica's lag of a purge, a page could show the replica's older state."""
    settings.REPLICA_STICKY_SECONDS = 30
    versions.bump("site")
    token = routers._use_replica.set(True)
    try:
        versions.read(["site"])
        assert not routers.reads_from_replica()
    finally:
        routers._use_replica.reset(token)

    with time_machine.travel(time.time() + 31, tick=False):
        token = routers._use_replica.set(True)
        try:
            versions.read(["site"])
            assert routers.reads_from_replica()
        finally:
            routers._use_replica.reset(token)
