"""The caches in front of the app (Varnish, a CDN): what each shared page tells them, and
their purges by key, sent once a change is committed.

Invariants:
- Every shared page names the areas it shows (purge.py) as keys, in `Surrogate-Key` and
  `xkey` (space-separated), plus `all`; personal pages carry no key. Keys hold only letters,
  digits and `:._-`, never a space or a line break.
- With `FRONT_CACHE_PURGE_URLS` empty, nothing is sent and pages keep the short public
  lifetimes (`PAGE_CACHE_BROWSER_SECONDS`, `PAGE_CACHE_PROXY_SECONDS`). With purge URLs set,
  the caches in front may keep a shared page `FRONT_CACHE_SECONDS` (`s-maxage`), browsers
  must revalidate (`no-cache` with the ETag, answered 304), and every committed purge of
  areas goes to every URL by those keys.
- A purge is sent after its change is committed and after this process has renewed the
  areas' generations (so a cache in front that refetches at once gets the new page), and
  once more `AGAIN_SECONDS` later: a page rendered from the state before the change and
  still on its way to the cache in front when the first purge arrived is dropped too.
  In process, the change waits for the first sending up to `SEND_WAIT_SECONDS`, so the next
  page anyone loads is the new one; through Celery it goes as soon as a worker takes it.
- A cache in front that does not answer never fails a change: the failure is logged and the
  keys are sent again, until they are taken or every page they name has expired there
  (`FRONT_CACHE_SECONDS`). With a broker, by a Celery task retried with backoff; without
  one (or when the broker does not answer), by this process's sender thread, whose retries
  wait 1 s doubling to 30 s and which also retries with the next purge.

URL schemes: `http://` or `https://` is a Varnish running deploy/varnish.vcl (`PURGE` with
an `xkey-purge` header); `fastly://SERVICE_ID` and `cloudflare://ZONE_ID` are those CDNs'
purge-by-tag APIs, with the API token as the URL's password or in `FRONT_CACHE_TOKEN`.
The classes are in purgers.py; only Varnish is tested for real here, the CDN classes follow
their documented APIs.
"""

import atexit
import logging
import re
import threading
import time
from collections.abc import Iterable
from urllib.parse import urlsplit

from celery import shared_task
from django.conf import settings
from django.core import checks
from django.utils.cache import patch_cache_control

from newsroom.tasks import backoff, in_process

from .purgers import BACKENDS, TagPurge, backend

logger = logging.getLogger(__name__)

# The key every shared page carries, for a purge of everything (after a deploy).
ALL = "all"
EVERYTHING_AREA = "*"  # bus.EVERYTHING, named without importing the bus
# A purge is sent again this long after the first (see the module's docstring).
AGAIN_SECONDS = 10.0
RETRY_FIRST, RETRY_MAX = 1.0, 30.0
# How long a change waits for its first purge to be sent (in process only).
SEND_WAIT_SECONDS = 1.0
# At exit (a management command), queued purges are sent for at most this long.
EXIT_WAIT_SECONDS = 5.0
_UNSAFE = re.compile(r"[^A-Za-z0-9:._-]")


def keys_of(areas: Iterable[str]) -> list[str]:
    """The keys naming `areas` for the caches in front: sorted, sanitised, with `all`."""
    keys = {ALL}
    for area in areas:
        key = ALL if area == EVERYTHING_AREA else _UNSAFE.sub("", str(area))
        if key:
            keys.add(key)
    return sorted(keys)


@checks.register()
def check_purge_urls(app_configs=None, **kwargs) -> list:
    """Every FRONT_CACHE_PURGE_URLS entry names a known cache; a CDN has its token."""
    problems = []
    for url in settings.FRONT_CACHE_PURGE_URLS:
        scheme = urlsplit(url).scheme
        if scheme not in BACKENDS:
            problems.append(
                checks.Error(
                    f"FRONT_CACHE_PURGE_URLS: {scheme}:// is none of {sorted(BACKENDS)}",
                    id="pagecache.E001",
                )
            )
        elif issubclass(BACKENDS[scheme], TagPurge) and not backend(url).token:
            problems.append(
                checks.Error(f"FRONT_CACHE_PURGE_URLS: no token for {scheme}", id="pagecache.E002")
            )
    return problems


def backends() -> list:
    return [backend(url) for url in settings.FRONT_CACHE_PURGE_URLS]


def purging() -> bool:
    """Whether caches in front are purged (then they may keep pages long)."""
    return bool(settings.FRONT_CACHE_PURGE_URLS)


def proxy_seconds() -> int:
    """How long the caches in front may keep a shared page (`s-maxage`)."""
    return settings.FRONT_CACHE_SECONDS if purging() else settings.PAGE_CACHE_PROXY_SECONDS


def name_keys(response, areas: Iterable[str]) -> list[str]:
    """Name the areas of a shared page, for every cache in front."""
    keys = keys_of(areas)
    response["Surrogate-Key"] = response["xkey"] = " ".join(keys)
    return keys


def share_long(response, areas: Iterable[str], valid_for: float | None) -> None:
    """Purging on: the caches in front keep the page until purged, browsers revalidate."""
    seconds = settings.FRONT_CACHE_SECONDS
    if valid_for is not None:  # never past the moment the next scheduled story goes live
        seconds = min(seconds, int(valid_for))
    keys = name_keys(response, areas)
    if "Cache-Control" in response:
        del response["Cache-Control"]
    patch_cache_control(response, public=True, no_cache=True, s_maxage=seconds)
    for cache in backends():
        for name, value in cache.response_headers(keys, seconds).items():
            response[name] = value


def purge(areas: Iterable[str]) -> None:
    """Send the committed purge of `areas` to every cache in front, now and AGAIN_SECONDS on.

    Call once the change is committed and the areas' generations are renewed. Never raises.
    """
    if not purging():
        return
    keys = keys_of(areas)
    first = time.time()
    sent = []
    for url in settings.FRONT_CACHE_PURGE_URLS:
        for delay in (0.0, AGAIN_SECONDS):
            if in_process() or not _queued(url, keys, first, delay):
                sent.append(sender().add(url, keys, delay))
    # The editor's next page, and the next reader's, find the cache purged: wait for the
    # first sending, but never long (a cache that hangs is retried in the background).
    deadline = time.monotonic() + SEND_WAIT_SECONDS
    for done in sent[::2]:
        done.wait(max(0.0, deadline - time.monotonic()))


def _queued(url: str, keys: list[str], first: float, delay: float) -> bool:
    try:
        purge_front.apply_async(args=(url, keys, first), countdown=delay or None)
    except Exception:
        logger.exception("Could not queue the purge of %s; this process sends it", keys)
        return False
    return True


@shared_task(bind=True, max_retries=None, acks_late=True)
def purge_front(self, url: str, keys: list[str], first: float) -> bool:
    """Purge `keys` from the cache in front at `url`; retried until taken or moot."""
    try:
        backend(url).purge(keys)
    except Exception as exc:
        moot = time.time() - first > settings.FRONT_CACHE_SECONDS
        if self.request.is_eager or moot:
            logger.error("Could not purge %s from the cache in front: %s", keys, exc)
            return False
        logger.warning("Could not purge %s from the cache in front (retrying): %s", keys, exc)
        raise self.retry(exc=exc, countdown=backoff(self.request.retries)) from exc
    return True


class Sender:
    """This process's thread sending purges to the caches in front, in order, with retries."""

    def __init__(self):
        self.lock = threading.Condition()
        # (due, url, keys, set once they have been sent, taken or not)
        self.jobs: list[tuple[float, str, frozenset[str], threading.Event]] = []
        self.failed: dict[str, set[str]] = {}  # url -> keys waiting for a retry
        self.failing_since: dict[str, float] = {}
        self.retry_at: dict[str, float] = {}
        self.tries: dict[str, int] = {}
        self.thread: threading.Thread | None = None
        self.sending = False
        self.flushing = False
        self.closed = False

    def add(self, url: str, keys: list[str], delay: float = 0.0) -> threading.Event:
        """Queue `keys` for `url` in `delay` seconds; the event is set once they are sent."""
        done = threading.Event()
        with self.lock:
            self.jobs.append((time.monotonic() + delay, url, frozenset(keys), done))
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="front-purge", daemon=True)
                self.thread.start()
            self.lock.notify()
        return done

    def pending(self) -> bool:
        with self.lock:
            return bool(self.sending or self.jobs or any(self.failed.values()))

    def _due(self, now: float) -> tuple[dict[str, set[str]], list[threading.Event]]:
        """Take what is to be sent now, by URL; the caller holds the lock."""
        due: dict[str, set[str]] = {}
        later, events = [], []
        for job in self.jobs:
            when, url, keys, done = job
            if when <= now or self.flushing:
                due.setdefault(url, set()).update(keys)
                events.append(done)
            else:
                later.append(job)
        self.jobs = later
        for url, keys in list(self.failed.items()):
            # A new purge for a URL retries what failed there too.
            if keys and (url in due or self.retry_at.get(url, 0) <= now or self.flushing):
                due.setdefault(url, set()).update(keys)
                self.failed[url] = set()
        return due, events

    def _wait(self, now: float) -> None:
        times = [job[0] for job in self.jobs]
        times += [self.retry_at[url] for url, keys in self.failed.items() if keys]
        self.lock.wait(timeout=max(0.0, min(times) - now) if times else None)

    def _run(self) -> None:
        while not self.closed:
            with self.lock:
                if self.closed:
                    return
                now = time.monotonic()
                due, events = self._due(now)
                if not due:
                    self._wait(now)
                    continue
                self.sending = True
            try:
                for url, keys in due.items():
                    self._send(url, sorted(keys))
            finally:
                with self.lock:
                    self.sending = False
                for done in events:
                    done.set()

    def _send(self, url: str, keys: list[str]) -> None:
        try:
            backend(url).purge(keys)
        except Exception as exc:
            with self.lock:
                now = time.monotonic()
                since = self.failing_since.setdefault(url, now)
                if self.flushing or now - since > settings.FRONT_CACHE_SECONDS:
                    logger.error("Gave up purging %s from the cache in front: %s", keys, exc)
                    return
                tries = self.tries.get(url, 0)
                self.tries[url] = tries + 1
                self.retry_at[url] = now + min(RETRY_MAX, RETRY_FIRST * 2**tries)
                self.failed.setdefault(url, set()).update(keys)
            logger.warning("Could not purge %s from the cache in front (retrying): %s", keys, exc)
            return
        with self.lock:
            for table in (self.failing_since, self.retry_at, self.tries):
                table.pop(url, None)

    def close(self) -> None:
        """Drop everything queued and end the thread (tests)."""
        with self.lock:
            self.closed = True
            self.jobs, self.failed = [], {}
            self.lock.notify()

    def flush(self, wait: float = EXIT_WAIT_SECONDS) -> None:
        """Send everything queued now (at exit), waiting at most `wait` seconds."""
        with self.lock:
            if self.thread is None or self.closed:
                return
            self.flushing = True
            self.lock.notify()
        deadline = time.monotonic() + wait
        while self.pending() and time.monotonic() < deadline:
            time.sleep(0.05)


_sender: dict[str, Sender] = {}


def sender() -> Sender:
    if "one" not in _sender:
        _sender["one"] = Sender()
        atexit.register(_sender["one"].flush)
    return _sender["one"]
