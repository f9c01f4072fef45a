"""Tell every server process at once which areas a purge made stale.

The generations in `versions` are the truth, read by Django on every request it handles. The
front (front.py) answers without reading them, so each purge is also published here and each
process drains what was published before it answers from memory.

With Redis, a channel: Redis queues a published message for every subscriber in the same
step as its answer to the publisher and sends them together, so by the time the editor's
browser has seen its change saved and the next request reaches a server, the message is
waiting there (across machines this rests on that path being the longer one), and the front
reads it, without waiting, before its next answer. A process that is not subscribed, or
whose subscription broke, keeps nothing in memory until it has subscribed again
(`Listener.drain` returns False), since it may have missed a message. The publishing
process's own listeners are told directly, so its next answer never waits on that timing.
Without Redis, the purges are in the database (ledger.py): before answering from memory,
the front reads the ones committed since it last looked, in one query (`Listener.drain`),
from whichever process made them (another worker, runserver, the shell, a command). A
process that cannot read them keeps nothing in memory until it can.

A subscription can also go silent: Redis hung (stopped, swapped out, a network that drops
packets) keeps the socket open, and reading it answers "nothing yet". So the listener PINGs
on the subscription and counts as listening only while Redis has answered a PING sent less
than `CACHE_SOCKET_TIMEOUT` ago: Redis answers in order, so by then every purge published
before that PING has arrived. Past that, it waits for the answer at most until the PING is
that old, then closes the subscription and keeps nothing. So while Redis hangs, no process
answers from memory later than `CACHE_SOCKET_TIMEOUT` after the last PING Redis answered, and
a purge made then fails (each publish waits as long) and is put right by its number
(epoch.py). A publish that failed here also closes this process's listeners: they keep
nothing until subscribed afresh and answered.
"""

import logging
import threading
import time
import weakref
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from redis.client import PubSub
from redis.exceptions import ConnectionError as RedisConnectionError

from newsroom import cache as resilient

from . import ledger, store

logger = logging.getLogger(__name__)

EVERYTHING = "*"
CHANNEL = "pagecache:purge"
# After a failed subscription, wait this long before trying again.
RETRY_SECONDS = 1.0

PING = "pagecache"

Purged = Callable[[frozenset[str]], None]
# Every listener of this process.
_HERE: "weakref.WeakSet[Listener]" = weakref.WeakSet()
# Run before a listener says it is listening (see `also_check`).
Check = Callable[[bool], None]
_CHECKS: list[Check] = []


def channel(backend: RedisCache) -> str:
    # Pub/Sub ignores Redis's database number: both the number and the key prefix name it.
    db = store.client(backend).connection_pool.connection_kwargs.get("db", 0)
    return f"{backend.make_key(CHANNEL)}:{db}"


def message(areas: Iterable[str]) -> str:
    return " ".join(sorted(areas))


def publish(areas: Iterable[str]) -> None:
    """Tell every process that pages showing `areas` (or EVERYTHING) are stale.

    This process's own listeners hear it at once, whatever the channel's timing; the others
    through Redis. The message also comes back here through Redis: a second purge, harmless.
    """
    areas = frozenset(areas)
    backend = caches["default"]
    try:
        if isinstance(backend, RedisCache):
            guarded = getattr(backend, "guarded", None)
            client = store.client(backend)

            def send():
                return client.publish(channel(backend), message(areas))

            guarded("purge", send) if guarded else send()
    except Exception:
        heard_here(areas, failed=True)
        raise
    heard_here(areas)


def heard_here(areas: frozenset[str], *, failed: bool = False) -> None:
    """This process's listeners hear `areas` at once; `failed`: the other processes may not."""
    for listener in list(_HERE):
        listener.purged(areas)
        if failed:
            listener.failed = True


def also_check(check: Check) -> Check:
    """Run `check` before each drain says it is listening; raising makes it say not.

    For what the channel cannot tell: whether Redis holds every purge (epoch.py). It is
    told whether the subscription was just made (Redis may have restarted meanwhile).
    """
    _CHECKS.append(check)
    return check


class _Subscription(PubSub):
    """A subscription that says when its connection was made again: messages may be lost."""

    def __init__(self, *args, reconnected: Callable[[], None], **kwargs):
        self.reconnected = reconnected
        super().__init__(*args, **kwargs)

    def on_connect(self, connection) -> None:
        self.reconnected()
        super().on_connect(connection)


class Listener:
    """One process's ear on the purges; `purged` is called with each message's areas."""

    def __init__(self, purged: Purged):
        self.purged = purged
        self.subscription: _Subscription | None = None
        self.retry_at = 0.0
        self.lost = False
        self.failed = False  # a publish from this process failed: subscribe afresh
        self.answered = float("-inf")  # when the last PING that Redis answered was sent
        self.pinged: float | None = None  # when the PING awaiting its answer was sent
        self.lock = threading.Lock()
        self.seen: ledger.Seen | None = None  # without Redis: the last purges read
        _HERE.add(self)

    def drain(self) -> bool:
        """Apply every purge published so far; False if some may have been missed.

        Threads of one process (gunicorn's gthread workers) drain one at a time: a thread
        that finds another draining waits for it, so neither answers before the purges.
        """
        with self.lock:
            return self._drain()

    def _drain(self) -> bool:
        backend = caches["default"]
        if not isinstance(backend, RedisCache):
            return self._drain_ledger()
        if self.failed:
            self.failed = False
            self._close()
            return False
        fresh = self.subscription is None
        if fresh and not self._subscribe(backend):
            return False
        try:
            self._receive(0)
            self._heartbeat()
            for check in _CHECKS:
                check(fresh or self.lost)
        except Exception:
            logger.warning("Purge channel lost; pages are not kept in memory", exc_info=True)
            self._close()
            return False
        if self.lost:  # reconnected on its own inside get_message: start afresh
            self.lost = False
            resilient.note_failure()
            self.purged(frozenset({EVERYTHING}))
        return True

    def _drain_ledger(self) -> bool:
        """Apply the purges committed in the database since the last look (ledger.py)."""
        try:
            self.seen, areas = ledger.purged_since(self.seen)
        except DatabaseError:
            logger.warning("Purges unreadable; pages are not kept in memory", exc_info=True)
            connections[DEFAULT_DB_ALIAS].close()  # a broken connection is made afresh
            self.seen = None
            self.purged(frozenset({EVERYTHING}))
            return False
        if areas is None or areas:
            self.purged(areas or frozenset({EVERYTHING}))
        return True

    def _receive(self, timeout: float) -> None:
        """Apply the purges that have arrived, waiting up to `timeout` for the first message."""
        while (message := self.subscription.get_message(timeout=timeout)) is not None:
            timeout = 0
            if message["type"] == "message":
                self.purged(frozenset(message["data"].decode().split()))
            elif message["type"] == "pong" and self.pinged is not None:
                self.answered, self.pinged = self.pinged, None

    def _heartbeat(self) -> None:
        """PING now and then; raise unless Redis answered one sent within the socket timeout."""
        limit = settings.CACHE_SOCKET_TIMEOUT
        now = time.monotonic()
        if self.pinged is None and now - self.answered >= limit / 2:
            self.subscription.ping(PING)
            self.pinged = now
        if now - self.answered < limit:
            return
        # Idle a while, or unanswered: wait for the answer, until the PING is `limit` old.
        if self.pinged is not None:
            self._receive(max(0.0, self.pinged + limit - now))
        if time.monotonic() - self.answered >= limit:
            raise RedisConnectionError("no answer to the purge channel's PING")

    def _lose(self) -> None:
        self.lost = True

    def _subscribe(self, backend: RedisCache) -> bool:
        now = time.monotonic()
        if now < self.retry_at:
            return False
        pool = store.client(backend).connection_pool
        subscription = _Subscription(pool, reconnected=self._lose)

        def subscribe():
            subscription.subscribe(channel(backend))
            # Wait for Redis to confirm: from then on no purge can pass unseen.
            confirmed = subscription.get_message(timeout=settings.CACHE_SOCKET_TIMEOUT)
            if not confirmed or confirmed["type"] != "subscribe":
                raise RedisConnectionError("no confirmation of the subscription")

        try:
            # Under the cache's breaker (newsroom/cache.py): a Redis that failed a moment ago,
            # or hangs, is not asked again on every request.
            guarded = getattr(backend, "guarded", None)
            guarded("purge-subscribe", subscribe) if guarded else subscribe()
        except Exception:
            subscription.close()
            logger.warning("Could not listen to purges", exc_info=True)
            self.retry_at = now + RETRY_SECONDS
            return False
        self.subscription, self.lost = subscription, False
        self.answered, self.pinged = now, None  # the confirmation answered, as a PING would
        self.purged(frozenset({EVERYTHING}))
        return True

    def _close(self) -> None:
        # Redis may come back without purges it had: this process reads their number again.
        resilient.note_failure()
        subscription, self.subscription = self.subscription, None
        self.pinged = None
        self.retry_at = time.monotonic() + RETRY_SECONDS
        self.purged(frozenset({EVERYTHING}))
        try:
            if subscription is not None:
                subscription.close()
        except Exception:
            pass
