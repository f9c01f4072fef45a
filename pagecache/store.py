"""Read many cache keys and count a page view in one round trip to the shared cache.

A page served from the cache costs this one round trip. Django's Redis backend has no
pipeline, so with Redis its own client and serializer are used through one; any other
backend gets the same answers from the plain cache API.
"""

from functools import cache as once

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import NoScriptError

# Count only for a page the cache holds: a page never stored (a 404, say) leaves no counter.
COUNT_IF_PRESENT = """
if redis.call('exists', KEYS[1]) == 1 then return redis.call('incr', KEYS[2]) end
return false
"""
_SCRIPT: dict[str, str] = {}  # its SHA once loaded into Redis


@once
def client(backend: RedisCache):
    # Made once per process: building a client for every request costs more than the read.
    return backend._cache.get_client(write=True)


def _script(client, *, reload: bool = False) -> str:
    if reload or "sha" not in _SCRIPT:
        _SCRIPT["sha"] = client.script_load(COUNT_IF_PRESENT)
    return _SCRIPT["sha"]


def _pipeline(client, made_keys: list[str], count_keys: list[str] | None, sha: str | None):
    pipe = client.pipeline(transaction=False)
    pipe.mget(made_keys)
    if count_keys is not None:
        pipe.evalsha(sha, 2, *count_keys)
    return pipe.execute()


def fetch(
    keys: list[str], counter: str | None = None, if_present: str | None = None
) -> tuple[dict, int | None]:
    """The values of `keys` that are present; `counter` plus one if `if_present` is present.

    Returns the counter's new value, or None when it was not counted.
    """
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        redis_client = client(backend)
        made_keys = [backend.make_and_validate_key(key) for key in keys]
        count_keys = None
        if counter is not None:
            count_keys = [backend.make_and_validate_key(key) for key in (if_present, counter)]

        def read():
            try:
                return _pipeline(redis_client, made_keys, count_keys, _script(redis_client))
            except NoScriptError:  # Redis restarted and forgot the script
                sha = _script(redis_client, reload=True)
                return _pipeline(redis_client, made_keys, count_keys, sha)

        # Through the breaker of newsroom/cache.py where there is one: logged there, skipped
        # for a while after a failure, then the caller renders the page itself.
        guarded = getattr(backend, "guarded", None)
        results = guarded("page", read) if guarded else read()
        loads = backend._cache._serializer.loads
        values = zip(keys, results[0], strict=True)
        found = {key: loads(value) for key, value in values if value is not None}
        return found, results[1] if counter is not None else None
    found = cache.get_many(keys)
    if counter is None or if_present not in found:
        return found, None
    cache.add(counter, 0, timeout=None)
    return found, cache.incr(counter)
