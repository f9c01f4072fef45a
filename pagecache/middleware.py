"""Serve anonymous reader pages from the shared cache; tell browsers and proxies what to keep.

Placed right after WhiteNoise, so a hit costs no session, CSRF or template work, and a miss
is judged on the response as every other middleware left it (cookies included). Any other
form of a shared page's address (a tracking parameter, `?page=01`) gets a 301 to the one
address of that page (canonical.py) before the cache is asked, so a crowd shares one copy.
"""

import hashlib
import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import Resolver404, ResolverMatch, resolve
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_vary_headers,
)
from django.utils.encoding import escape_uri_path, iri_to_uri

from . import answers, canonical, registry, versions
from .answers import STATUS_HEADER
from .shared import personal_cookies

logger = logging.getLogger(__name__)

# v2: entries carry the time they expire, which the front (front.py) keeps pages until.
PAGE_KEY = "pagecache:page:v2:{}"


def shared_page(request: HttpRequest) -> tuple[ResolverMatch, tuple[str, ...]] | None:
    """The reader page this request may share with every reader, and its areas; or None."""
    if request.method not in ("GET", "HEAD"):
        return None
    if not personal_cookies().isdisjoint(request.COOKIES):
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    areas = registry.page_areas(match.view_name, match.kwargs)
    return None if areas is None else (match, areas)


def story_of(match: ResolverMatch) -> int | None:
    """The object a hit on this page counts a view of (a story, registry.viewed), if any."""
    return registry.viewed(match.view_name, match.kwargs)


def view_counter(story: int | None) -> str | None:
    """The cache key counting views of `story`, if there is one."""
    if story is None:
        return None
    return registry.views().key(story)


def view_counted(story: int, count: int | None) -> None:
    """A story page served from the cache is still a page view: write a full batch."""
    if count is None:
        return
    try:
        registry.views().counted(story, count)
    except Exception:  # the count waits for the next batch; the reader still gets the page
        logger.warning("Could not write a batch of page views", exc_info=True)


def is_shared(request: HttpRequest) -> bool:
    """Whether the page being rendered goes to every reader: then it holds nothing personal."""
    return getattr(request, "shared_page", False)


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    user = getattr(request, "user", None)
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not (user is not None and user.is_authenticated)
        and "private" not in cache_control
        and "no-store" not in cache_control
        and "no-cache" not in cache_control
    )


def _etag(content: bytes) -> str:
    return f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'


def _public(response: HttpResponse, valid_for: float | None, areas=None) -> None:
    answers.public(response, valid_for, areas)


def sent_query(request: HttpRequest) -> str:
    """The query string as sent, %-encoded: raw UTF-8 (WSGI hands it over as Latin-1) is the
    same address as its %-form, so it is not sent round again."""
    raw = request.META.get("QUERY_STRING", "")
    return iri_to_uri(raw.encode("iso-8859-1", "replace").decode("utf-8", "replace"))


class PageCacheMiddleware:
    """Serve a shared reader page from the cache, or render it, keep it and mark it public."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        page = shared_page(request)
        if page is None:
            response = self.get_response(request)
            if "Cache-Control" not in response:
                # Personal pages, posted forms, the admin: for this visitor only, never kept.
                add_never_cache_headers(response)
            return response
        match, areas = page
        query = canonical.query(match.view_name, request.GET)
        if query != sent_query(request):
            return self._moved(request, query)
        request.shared_page = True
        seconds = settings.PAGE_CACHE_SECONDS
        key = PAGE_KEY.format(hashlib.md5(request.build_absolute_uri().encode()).hexdigest())
        story = story_of(match)
        # A story's view is counted in the same round trip when its page is in the cache.
        counter = view_counter(story) if seconds else None
        try:
            if seconds:
                current, found, count = versions.read(areas, key, counter=counter)
            else:
                current, found, count = versions.read(areas)
        except Exception:
            logger.warning("Page cache unavailable; rendering %s", request.path, exc_info=True)
            current, found, count = None, {}, None
        hit = answers.from_cache(found.get(key), current)
        if hit is not None:
            response, expires = hit
            view_counted(story, count)
            answers.tell_front(request, areas, current, expires, story)
        else:
            if count is not None:
                # A stale copy was there, so the view is counted: the view must not count it again.
                request.view_counted = True
                view_counted(story, count)
            response = self._render(request, key, current, seconds, areas, story)
        if STATUS_HEADER not in response:
            return response
        _public(response, current.seconds_valid() if current is not None else None, areas)
        return get_conditional_response(request, etag=response["ETag"], response=response)

    @staticmethod
    def _moved(request: HttpRequest, query: str) -> HttpResponse:
        """301 to the page's one address (canonical.py): one copy kept for every form of it."""
        path = escape_uri_path(request.path)
        response = HttpResponsePermanentRedirect(f"{path}?{query}" if query else path)
        _public(response, None)
        return response

    def _render(self, request, key, current, seconds, areas, story) -> HttpResponse:
        response = self.get_response(request)
        if not _storable(request, response):
            if "Cache-Control" not in response:
                add_never_cache_headers(response)
            return response
        response["ETag"] = _etag(response.content)
        patch_vary_headers(response, ["Cookie"])
        if seconds and current is not None and request.method == "GET":
            expires = answers.keep(key, response, current, seconds)
            if expires is not None:
                answers.tell_front(request, areas, current, expires, story)
        response[STATUS_HEADER] = "miss"
        return response
