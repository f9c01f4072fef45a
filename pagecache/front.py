"""Serve a shared page again from this process's memory, before Django sees the request.

A page cache hit through Django still costs the request object, the outer middlewares, URL
resolving and a 40 KB read from the shared cache. When a story breaks, that is most of the
work a worker does. This WSGI wrapper (newsroom/wsgi.py) keeps, per process, the last pages
that `PageCacheMiddleware` served or stored, exactly as they left the application (every
middleware's headers included), and answers them again without entering Django.

Correct first, as the page cache is:
- **Purges reach it before the next answer.** Each purge is published (bus.py); before
  answering from memory, the front applies every purge published so far, without a round
  trip. Without a live subscription it keeps nothing. Without Redis, before each answer from
  memory it reads the purges committed in the database since it last looked, one indexed
  query (ledger.py), whichever process made them; if it cannot read them it keeps nothing.
- **Only what the page cache would share:** a `GET` or `HEAD` without a personal cookie and
  without a date to compare or a byte range (Django answers those); an `If-None-Match` naming
  the kept page gets its 304 here, as Django would answer it. The key is the scheme
  (as the proxy reports it), host, script name, path and query, so a request that Django
  would redirect (HTTP to HTTPS, an old `?p=` link) or refuse (an unknown host) never
  matches a kept page. Only a page Django marked as shared (`ENVIRON_KEY`) and that sets no
  cookie is kept.
- **Time:** a page leaves memory when its shared copy expires (`PAGE_CACHE_SECONDS`), and
  before the next scheduled story goes live (then Django renews the listings).
- **Memory:** at most `PAGE_CACHE_FRONT_PAGES` pages and `PAGE_CACHE_FRONT_BYTES` bytes, the
  page read longest ago leaving first, so the story everyone reads stays. A page over an
  eighth of the bytes is not kept: a few of them would push out everything else.
- **Page views** of a story answered here are counted in memory and added to the shared
  counter at least every `VIEW_FLUSH_SECONDS` (the counter the app registered,
  registry.count_views); a worker that dies loses at most that second of views, never a page.
"""

import logging
import time
from collections import Counter, OrderedDict
from dataclasses import dataclass
from threading import Lock

from django.conf import settings
from django.http import HttpResponse, parse_cookie
from django.utils.http import parse_etags

from . import bus, registry
from .shared import ENVIRON_KEY, Shared, personal_cookies

logger = logging.getLogger(__name__)

# Requests carrying one of these are answered by Django (a date to compare, a byte range).
# `If-None-Match`, what a browser sends on reload, is answered here as Django would.
CONDITIONAL = ("HTTP_IF_MODIFIED_SINCE", "HTTP_RANGE", "HTTP_IF_RANGE")
# The headers a 304 repeats (django.utils.cache._not_modified), and the cache's own.
NOT_MODIFIED_HEADERS = frozenset(
    {"cache-control", "content-location", "date", "etag", "expires", "last-modified", "vary"}
    | {"x-page-cache"}
)
VIEW_FLUSH_SECONDS = 1.0
VIEW_FLUSH_COUNT = 500
# A page over this share of the memory's bytes is not kept.
LARGEST_SHARE = 8


@dataclass(frozen=True)
class Kept:
    shared: Shared
    status: str
    headers: list[tuple[str, str]]
    body: bytes

    @property
    def size(self) -> int:
        """Its bytes in memory, near enough: the body and the headers' text."""
        return len(self.body) + sum(len(name) + len(value) for name, value in self.headers)


def _key(environ) -> tuple:
    proxy_header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    return (
        environ.get("wsgi.url_scheme"),
        environ.get(proxy_header[0]) if proxy_header else None,
        environ.get("HTTP_HOST") or environ.get("SERVER_NAME"),
        environ.get("SCRIPT_NAME", ""),
        environ.get("PATH_INFO", ""),
        environ.get("QUERY_STRING", ""),
    )


def _personal(environ) -> bool:
    cookie = environ.get("HTTP_COOKIE")
    if not cookie:
        return False
    return not personal_cookies().isdisjoint(parse_cookie(cookie))


def _not_modified(environ, kept: Kept) -> bool:
    """Whether the browser's `If-None-Match` names the kept page (weak comparison, RFC 9110)."""
    wanted = environ.get("HTTP_IF_NONE_MATCH")
    if not wanted:
        return False
    etag = next((value for name, value in kept.headers if name.lower() == "etag"), None)
    if etag is None:
        return False
    tags = parse_etags(wanted)
    return "*" in tags or etag.removeprefix("W/") in {tag.removeprefix("W/") for tag in tags}


class _Headless:
    """The answer to a HEAD request: the headers only, the body closed unread."""

    def __init__(self, result):
        self.result = result

    def __iter__(self):
        return iter(())

    def close(self):
        if hasattr(self.result, "close"):
            self.result.close()


class PageCacheFront:
    """WSGI middleware: answer a kept shared page from memory, or pass the request on."""

    def __init__(self, application, size: int | None = None, budget: int | None = None):
        self.application = application
        self.size = size if size is not None else settings.PAGE_CACHE_FRONT_PAGES
        self.budget = budget if budget is not None else settings.PAGE_CACHE_FRONT_BYTES
        # Least recently read first.
        self.kept: OrderedDict[tuple, Kept] = OrderedDict()
        self.bytes = 0  # the kept pages' sizes, together
        self.lock = Lock()
        self.epoch = 0  # purges applied so far
        self.listener = bus.Listener(self.purged)
        self.views: Counter[int] = Counter()
        self.views_since = time.monotonic()

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD")
        if method == "HEAD":
            # Django writes a HEAD answer's body too; the server would have to drop it.
            return _Headless(self._answer(environ, start_response))
        return self._answer(environ, start_response)

    def _answer(self, environ, start_response):
        method = environ.get("REQUEST_METHOD")
        if (
            not self.size
            or not self.budget
            or not settings.PAGE_CACHE_SECONDS
            or method not in ("GET", "HEAD")
            or any(header in environ for header in CONDITIONAL)
            or _personal(environ)
        ):
            return self.application(environ, start_response)
        try:
            listening = self.listener.drain()
        except Exception:
            logger.warning("Purges unavailable; pages are not kept in memory", exc_info=True)
            listening = False
        if not listening:
            return self.application(environ, start_response)
        key = _key(environ)
        epoch = self.epoch
        with self.lock:
            kept = self.kept.get(key)
            if kept is not None:
                self.kept.move_to_end(key)
        if kept is not None:
            if kept.shared.valid_until > time.time():
                self._count_view(kept.shared.story)
                if _not_modified(environ, kept):
                    headers = [h for h in kept.headers if h[0].lower() in NOT_MODIFIED_HEADERS]
                    start_response("304 Not Modified", headers)
                    return []
                start_response(kept.status, kept.headers)
                return [kept.body]
            self._forget(key)
        return self._pass_on(key, epoch, environ, start_response)

    def purged(self, areas: frozenset[str]) -> None:
        """Drop every kept page that shows one of `areas`."""
        with self.lock:
            self.epoch += 1
            if bus.EVERYTHING in areas:
                self.kept.clear()
                self.bytes = 0
                return
            for key in [key for key, kept in self.kept.items() if kept.shared.areas & areas]:
                self._drop(key)

    def _pass_on(self, key, epoch: int, environ, start_response):
        answer = {}

        def remember(status, headers, exc_info=None):
            answer["status"], answer["headers"] = status, headers
            if exc_info is not None:
                return start_response(status, headers, exc_info)
            return start_response(status, headers)

        result = self.application(environ, remember)
        shared = environ.get(ENVIRON_KEY)
        if (
            shared is not None
            and environ.get("REQUEST_METHOD") == "GET"
            and isinstance(result, HttpResponse)
            and not result.streaming
        ):
            status, headers = answer.get("status", ""), answer.get("headers", [])
            self._keep(key, epoch, shared, status, headers, result)
        return result

    def _keep(self, key, epoch: int, shared, status: str, headers: list, response) -> None:
        """Keep a page Django shared, unless a purge came in while it was being made.

        Another thread may have drained that purge already: the page could show what it undid.
        """
        names = {name.lower() for name, _ in headers}
        if not status.startswith("200 ") or "set-cookie" in names or "x-page-cache" not in names:
            return
        headers = [
            (name, "hit" if name.lower() == "x-page-cache" else value) for name, value in headers
        ]
        kept = Kept(shared, status, headers, response.content)
        if kept.size > self.budget // LARGEST_SHARE:
            return
        with self.lock:
            if self.epoch != epoch:
                return
            self._drop(key)
            while self.kept and (
                len(self.kept) >= self.size or self.bytes + kept.size > self.budget
            ):
                self._drop(next(iter(self.kept)))
            self.kept[key] = kept
            self.bytes += kept.size

    def _drop(self, key) -> None:
        """Let a kept page go; the caller holds the lock."""
        kept = self.kept.pop(key, None)
        if kept is not None:
            self.bytes -= kept.size

    def _forget(self, key) -> None:
        with self.lock:
            self._drop(key)

    def _count_view(self, story: int | None) -> None:
        if story is None:
            return
        now = time.monotonic()
        with self.lock:
            self.views[story] += 1
            if (
                now - self.views_since < VIEW_FLUSH_SECONDS
                and self.views.total() < VIEW_FLUSH_COUNT
            ):
                return
            views, self.views, self.views_since = self.views, Counter(), now
        self._write_views(views)

    @staticmethod
    def _write_views(views: Counter) -> None:
        counter = registry.views()
        if counter is None:  # no app counts views: `Shared.story` is never set
            return
        for pk, count in views.items():
            counter.add(pk, count)

    def flush_views(self) -> None:
        """Write the views counted in memory (at exit: a worker's last second of views)."""
        with self.lock:
            views, self.views = self.views, Counter()
        self._write_views(views)
