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
With any other cache (the in-process one of development and tests) there is one process,
and that is all.
"""

import logging
import threading
import time
import weakref
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from redis.client import PubSub
from redis.exceptions import ConnectionError as RedisConnectionError

from . import store

logger = logging.getLogger(__name__)

EVERYTHING = "*"
CHANNEL = "pagecache:purge"
# After a failed subscription, wait this long before trying again.
RETRY_SECONDS = 1.0

Purged = Callable[[frozenset[str]], None]
# Every listener of this process.
_HERE: "weakref.WeakSet[Listener]" = weakref.WeakSet()


def _channel(backend: RedisCache) -> str:
    # Pub/Sub ignores Redis's database number: both the number and the key prefix name it.
    db = store.client(backend).connection_pool.connection_kwargs.get("db", 0)
    return f"{backend.make_key(CHANNEL)}:{db}"


def publish(areas: Iterable[str]) -> None:
    """Tell every process that pages showing `areas` (or EVERYTHING) are stale.

    This process's own listeners hear it at once, whatever the channel's timing; the others
    through Redis. The message also comes back here through Redis: a second purge, harmless.
    """
    areas = frozenset(areas)
    backend = caches["default"]
    try:
        if isinstance(backend, RedisCache):
            message = " ".join(sorted(areas))
            guarded = getattr(backend, "guarded", None)
            client = store.client(backend)

            def send():
                return client.publish(_channel(backend), message)

            guarded("purge", send) if guarded else send()
    finally:
        for listener in list(_HERE):
            listener.purged(areas)


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
        self.lock = threading.Lock()
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
            return True  # one process: publish() reached this listener already
        if self.subscription is None and not self._subscribe(backend):
            return False
        try:
            while (message := self.subscription.get_message(timeout=0)) is not None:
                if message["type"] == "message":
                    self.purged(frozenset(message["data"].decode().split()))
        except Exception:
            logger.warning("Purge channel lost; pages are not kept in memory", exc_info=True)
            self._close()
            return False
        if self.lost:  # reconnected on its own inside get_message: start afresh
            self.lost = False
            self.purged(frozenset({EVERYTHING}))
        return True

    def _lose(self) -> None:
        self.lost = True

    def _subscribe(self, backend: RedisCache) -> bool:
        now = time.monotonic()
        if now < self.retry_at:
            return False
        pool = store.client(backend).connection_pool
        subscription = _Subscription(pool, reconnected=self._lose)

        def subscribe():
            subscription.subscribe(_channel(backend))
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
        self.purged(frozenset({EVERYTHING}))
        return True

    def _close(self) -> None:
        subscription, self.subscription = self.subscription, None
        self.retry_at = time.monotonic() + RETRY_SECONDS
        self.purged(frozenset({EVERYTHING}))
        try:
            if subscription is not None:
                subscription.close()
        except Exception:
            pass
