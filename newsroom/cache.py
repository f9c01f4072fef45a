"""The shared cache (Redis) as a helper that never takes a page down when the server is away.

Reads answer "not cached" and writes are dropped, each logged: the page is made from the
database instead. `incr` and `decr` still raise, because their callers decide which way to
fail (the comment rate limit lets posts through to moderation; a page view goes uncounted).

A server that accepts connections but never answers costs one short timeout (the
`socket_connect_timeout` and `socket_timeout` options, `CACHE_SOCKET_TIMEOUT`), not one per
cache call: after a failure this process skips the cache for `CACHE_RETRY_SECONDS`.
"""

import logging
import time

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
CACHE_ERRORS = (RedisError, OSError)


class CacheSkipped(RedisConnectionError):
    """The cache failed a moment ago and is not asked again yet."""


# When each Redis server (by its address) may be asked again; per process, since Django makes
# a cache object per thread.
_DOWN_UNTIL: dict[str, float] = {}
_FAILURES = [0]


def failures() -> int:
    """How many times the cache has failed in this process (a purge may have been lost)."""
    return _FAILURES[0]


def note_failure() -> None:
    """Count a failure seen outside the breaker (the purge channel lost, say)."""
    _FAILURES[0] += 1


class ResilientRedisCache(RedisCache):
    def _call(self, operation: str, call, fallback):
        """Run `call` against Redis, or give `fallback` while it is down (raise it if an error)."""
        server = ",".join(self._servers)
        if time.monotonic() < _DOWN_UNTIL.get(server, 0.0):
            if isinstance(fallback, Exception):
                raise fallback
            return fallback
        try:
            return call()
        except CACHE_ERRORS as error:
            _DOWN_UNTIL[server] = time.monotonic() + settings.CACHE_RETRY_SECONDS
            note_failure()
            logger.error("Cache unavailable (%s): %s", operation, error)
            if isinstance(fallback, Exception):
                raise
            return fallback

    def guarded(self, operation: str, call):
        """Run `call` (raw client work: a pipeline) under the same breaker; raise on error."""
        return self._call(operation, call, CacheSkipped())

    def get(self, key, default=None, version=None):
        return self._call("get", lambda: RedisCache.get(self, key, default, version), default)

    def get_many(self, keys, version=None):
        return self._call("get_many", lambda: RedisCache.get_many(self, keys, version), {})

    def has_key(self, key, version=None):
        return self._call("has_key", lambda: RedisCache.has_key(self, key, version), False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", lambda: RedisCache.add(self, key, value, timeout, version), False)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call("set", lambda: RedisCache.set(self, key, value, timeout, version), None)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            "set_many",
            lambda: RedisCache.set_many(self, data, timeout, version),
            list(data),
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", lambda: RedisCache.touch(self, key, timeout, version), False)

    def delete(self, key, version=None):
        return self._call("delete", lambda: RedisCache.delete(self, key, version), False)

    def delete_many(self, keys, version=None):
        self._call("delete_many", lambda: RedisCache.delete_many(self, keys, version), None)

    def clear(self):
        return self._call("clear", lambda: RedisCache.clear(self), False)

    def incr(self, key, delta=1, version=None):
        return self._call(
            "incr",
            lambda: RedisCache.incr(self, key, delta, version),
            CacheSkipped(),
        )

    def decr(self, key, delta=1, version=None):
        return self._call(
            "decr",
            lambda: RedisCache.decr(self, key, delta, version),
            CacheSkipped(),
        )
