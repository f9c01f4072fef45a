"""Purge numbers: a committed purge that Redis lost (an outage, an older snapshot) is noticed.

Every purge of a committed change first takes the next number from the database
(`count_up`, the `PurgeCount` row). Redis keeps the number of the last purge it holds under
`KEY`, and a purge's script (`write`) sets its generations, publishes it and moves that
number on, in one step, only from the number just before its own. So Redis holding `k`
means: Redis holds every purge numbered `k` or less. A snapshot saves the number with the
generations it describes; Redis restarted from an older one, or a purge that never reached
it, leaves its number below the database's.

Pages are read with Redis's number in the same round trip (versions.read). When it is below
the database's as this process last read it (`known`), `reset` renews the generation of
EVERYTHING, which every page's token includes, sets Redis's number to the database's and
publishes EVERYTHING: no page stored before counts as current any more, in any process's
memory either. A process reads the database's number (from the primary) before it first
trusts Redis, after the cache failed in it, when its purge channel was subscribed afresh (a
restarted Redis drops every subscription), and every `RECHECK_SECONDS` before its front
answers from memory (versions.check_every_purge_is_held); without a front
(PAGE_CACHE_FRONT_PAGES=0), on the page cache's read instead.

What holds, while the database answers: a page made before a committed purge is not served,
from Redis or from any process's memory, more than `RECHECK_SECONDS` after the purge took its
number, whatever Redis lost (an outage during the purge, a restart from an older snapshot, a
flush) and however it persists (snapshots on or off). Once one process has found Redis behind
and reset it, every process holds to that. A process that dies between its commit and taking
the number loses that purge (as it would lose the purge itself).

Without Redis there is no second copy to fall behind: the generations are in the database
itself, written with their changes (ledger.py), and no number is taken.

Cost: on a page answered from Redis, nothing beyond one more key in the read it makes anyway;
per process, one primary-key read of the database and one of Redis a second, made before the
front answers, outside Django's request (a reset only when Redis is found behind).
"""

import logging
import threading
import time
from functools import cache as once

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.models import F

from newsroom import cache as resilient

from . import bus, store

logger = logging.getLogger(__name__)

KEY = "pagecache:purge-number"
RECHECK_SECONDS = 1.0

# KEYS: the number, then generations; ARGV: the purge's number, the channel, the message, then
# the generations. Generations, number and message to every subscriber: all or nothing.
WRITE = """
for i = 2, #KEYS do redis.call('set', KEYS[i], ARGV[i + 2]) end
local held = tonumber(redis.call('get', KEYS[1]) or '0') or 0
if held == tonumber(ARGV[1]) - 1 then redis.call('set', KEYS[1], ARGV[1]) end
redis.call('publish', ARGV[2], ARGV[3])
return held
"""
# KEYS: the number, EVERYTHING's generation; ARGV: the database's number, a new generation,
# the channel, EVERYTHING. Returns EVERYTHING's generation, renewed unless another process did.
RESET = """
local held = tonumber(redis.call('get', KEYS[1]) or '0') or 0
if held >= tonumber(ARGV[1]) then return redis.call('get', KEYS[2]) end
redis.call('set', KEYS[2], ARGV[2])
redis.call('set', KEYS[1], ARGV[1])
redis.call('publish', ARGV[3], ARGV[4])
return ARGV[2]
"""


# The database's number as last read; `failures`: the cache's failures counted by then.
_known = {"number": 0, "read_at": float("-inf"), "failures": -1}
_reading = threading.Lock()


def count_up() -> int:
    """The next purge number, taken from the database (committed as it returns)."""
    from newsroom.models import PurgeCount

    purges = PurgeCount.objects.using(DEFAULT_DB_ALIAS)
    with transaction.atomic(using=DEFAULT_DB_ALIAS):
        purges.get_or_create(pk=1)
        purges.filter(pk=1).update(number=F("number") + 1)  # holds the row to the commit
        number = purges.filter(pk=1).values_list("number", flat=True).get()
    _known["number"] = number
    return number


def known(*, recheck: bool = False, doubt: bool = False) -> int:
    """The database's purge number as this process last read it.

    Read again from the primary when this process has not read it yet, when the cache failed
    here since, when `doubt` (say, the purge channel was subscribed afresh), and with
    `recheck` when the last read is RECHECK_SECONDS old; never inside a transaction, which
    would not see purges committed since it began. While the database does not answer, the
    last number read.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    now = time.monotonic()
    due = (
        doubt
        or _known["failures"] != resilient.failures()
        or (recheck and now - _known["read_at"] >= RECHECK_SECONDS)
    )
    if not due or connection.in_atomic_block or not _reading.acquire(blocking=False):
        return _known["number"]
    try:
        _known["read_at"], _known["failures"] = now, resilient.failures()
        _known["number"] = _read()
    except DatabaseError:
        logger.warning("Could not read the purge number; using the last one", exc_info=True)
        connection.close()  # a front's thread may never start a request that would
    finally:
        _reading.release()
    return _known["number"]


def _read() -> int:
    from newsroom.models import PurgeCount

    found = (
        PurgeCount.objects.using(DEFAULT_DB_ALIAS)
        .filter(pk=1)
        .values_list("number", flat=True)
        .first()
    )
    return found or 0


def behind(held: int | None, **when) -> bool:
    """Whether Redis, holding purge number `held` (None: no number), lacks a committed purge.

    Only a shared cache can: an in-process one is never behind. `when`: see `known`.
    """
    if not isinstance(caches["default"], RedisCache):
        return False
    return (held or 0) < known(**when)


@once
def _scripts(client) -> tuple:
    return client.register_script(WRITE), client.register_script(RESET)


def _guarded(backend, operation: str, call):
    guarded = getattr(backend, "guarded", None)
    return guarded(operation, call) if guarded else call()


def write(generations: dict[str, str], number: int, areas: frozenset[str]) -> None:
    """Set `generations` (cache key to value) as purge `number`, and publish `areas` there."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        cache.set_many(generations, timeout=None)
        if cache.get(KEY, 0) == number - 1:
            cache.set(KEY, number, timeout=None)
        return
    client = store.client(backend)
    dumps = backend._cache._serializer.dumps
    keys = [backend.make_and_validate_key(key) for key in (KEY, *generations)]
    args = [number, bus.channel(backend), bus.message(areas)]
    args += [dumps(value) for value in generations.values()]
    script = _scripts(client)[0]
    _guarded(backend, "purge", lambda: script(keys=keys, args=args, client=client))


def reset(everything_key: str, new: str, number: int) -> str | None:
    """Make every stored page stale, as of purge `number`; EVERYTHING's generation now."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        if cache.get(KEY, 0) >= number:
            return cache.get(everything_key)
        cache.set_many({everything_key: new, KEY: number}, timeout=None)
        return new
    client = store.client(backend)
    keys = [backend.make_and_validate_key(key) for key in (KEY, everything_key)]
    args = [number, backend._cache._serializer.dumps(new), bus.channel(backend), bus.EVERYTHING]
    script = _scripts(client)[1]
    held = _guarded(backend, "purge-reset", lambda: script(keys=keys, args=args, client=client))
    return None if held is None else backend._cache._serializer.loads(held)
