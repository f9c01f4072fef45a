"""The purge channel: a process keeps pages in memory only while Redis answers on it."""

import time

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from newsroom import cache as resilient
from pagecache import bus
from tests.harness.stores import redis_server

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def redis(settings, tmp_path):
    with redis_server(tmp_path / "redis") as server:
        settings.CACHES = {
            "default": {
                "BACKEND": "newsroom.cache.ResilientRedisCache",
                "LOCATION": server.url,
                "KEY_PREFIX": "bus-test",
                "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
            }
        }
        resilient._DOWN_UNTIL.clear()
        yield server
        resilient._DOWN_UNTIL.clear()


def test_a_hung_redis_is_not_listening_within_the_socket_timeout(redis, settings):
    heard = []
    listener = bus.Listener(heard.append)
    assert listener.drain()
    redis.hang()
    try:
        started = time.monotonic()
        while listener.drain():
            assert time.monotonic() - started < 2 * settings.CACHE_SOCKET_TIMEOUT
        assert heard[-1] == {bus.EVERYTHING}  # nothing kept from before
    finally:
        redis.let_go()


def test_after_a_publish_failed_nothing_is_kept_until_subscribed_again(
    redis, monkeypatch, settings
):
    settings.CACHE_RETRY_SECONDS = 0
    listener = bus.Listener(lambda areas: None)
    assert listener.drain()

    def refused(backend):
        raise RedisConnectionError("the publish did not reach Redis")

    with monkeypatch.context() as patched:
        patched.setattr(bus, "channel", refused)
        with pytest.raises(RedisConnectionError):
            bus.publish({"site"})
    assert not listener.drain()  # other processes may not have heard it
    listener.retry_at = 0
    assert listener.drain()
