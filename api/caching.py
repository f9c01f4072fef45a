"""The API's answers in the shared cache, purged by the very areas that purge the reader pages.

Each endpoint names the areas its answer shows (articles/pages.py: `site`, `stories`,
`corrections`, a story's `article:<pk>`); an answer is kept under the generations of those
areas (pagecache.versions) and is stale the moment any of them is purged, on every server, as
a page is. A scheduled story going live renews `stories` on the first request after its time.

Why not the page cache's middleware: it answers a date (`If-Modified-Since`) with the full
page; here both validators answer 304. `Last-Modified` is when the newest of the answer's areas
was last purged (a generation carries its time): it moves exactly when the answer may have.
The front (pagecache/front.py) keeps the answers in each worker's memory as it keeps pages,
told the same way (`Shared` in the WSGI environ), and drops them with the same purges.

Before the cache is asked: the client's rate limit, and the query's parameters (an unknown or
repeated one is a 400, never ignored), so every kept answer is one the endpoint would give.
"""

import hashlib
import logging
import time
from collections.abc import Callable, Iterable, Mapping
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

from pagecache import answers, versions

from . import ratelimit
from .errors import NAMES, json_error

logger = logging.getLogger(__name__)

KEY = "api:v1:{}"


def _key(request) -> str:
    query = urlencode(sorted(request.GET.items()))
    address = request.build_absolute_uri(request.path) + "?" + query
    return KEY.format(hashlib.md5(address.encode(), usedforsecurity=False).hexdigest())


def last_modified(current) -> int:
    """When the newest of the answer's areas was purged (now, for one that does not say)."""
    moment = current.last_changed()
    return int(time.time()) if moment is None else int(min(moment, time.time()))


def _parameters_refused(request, allowed: Iterable[str]) -> HttpResponse | None:
    allowed = set(allowed)
    for name, values in request.GET.lists():
        if name not in allowed:
            known = ", ".join(sorted(allowed)) or "không có"
            return json_error(
                400,
                f"Tham số “{name[:40]}” không được hỗ trợ ở đây; tham số nhận: {known}.",
                [{"parameter": name[:40], "message": "Tham số không được hỗ trợ."}],
            )
        if len(values) > 1:
            label = NAMES.get(name, name)
            return json_error(400, f"{label} chỉ được gửi một lần.")
    return None


def _validators(response: HttpResponse, moment: int) -> None:
    response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
    response["Last-Modified"] = http_date(moment)


def cached(areas: tuple[str, ...] | Callable[[Mapping], tuple[str, ...]], params=()):
    """Keep a ninja operation's 200 answers (`decorate_view(cached(...))`).

    `areas`: what the answer shows, or a function of the path's parameters; `params`: the
    query parameters the operation reads (any other is refused).
    """

    def decorate(run):
        @wraps(run)
        def view(request, *args, **kwargs):
            refusal = ratelimit.refused(request) or _parameters_refused(request, params)
            if refusal is not None:
                return refusal
            shown = tuple(areas(kwargs) if callable(areas) else areas)
            return _answer(request, shown, lambda: run(request, *args, **kwargs))

        return view

    return decorate


def _answer(request, areas: tuple[str, ...], render) -> HttpResponse:
    seconds = settings.PAGE_CACHE_SECONDS
    if not seconds:  # the page cache is off: nothing kept, validators from the answer itself
        return _uncached(request, areas, render())
    key = _key(request)
    try:
        current, found, _count = versions.read(areas, key)
    except Exception:
        logger.warning("Cache unavailable; answering %s afresh", request.path, exc_info=True)
        current, found = None, {}
    hit = answers.from_cache(found.get(key), current)
    if hit is not None:
        response, expires = hit
        expires = expires if request.method == "GET" else None  # the front keeps GETs
    else:
        response = render()
        if response.status_code != 200 or getattr(response, "streaming", False):
            return response
        if current is None:
            return _uncached(request, areas, response)
        _validators(response, last_modified(current))
        expires = None
        if request.method == "GET":
            expires = answers.keep(key, response, current, seconds)
        response[answers.STATUS_HEADER] = "miss"
    if expires is not None:
        answers.tell_front(request, areas, current, expires)
    answers.public(response, current.seconds_valid(), areas, vary_cookie=False)
    return _conditional(request, response)


def _uncached(request, areas, response: HttpResponse) -> HttpResponse:
    if response.status_code != 200 or getattr(response, "streaming", False):
        return response
    _validators(response, int(time.time()))
    answers.public(response, 0, areas, vary_cookie=False)
    return _conditional(request, response)


def _conditional(request, response: HttpResponse) -> HttpResponse:
    moment = parse_http_date_safe(response["Last-Modified"])
    return get_conditional_response(
        request, etag=response["ETag"], last_modified=moment, response=response
    )
