"""A shared answer's life in the caches, for every view that shares one.

Kept in the shared cache under the generations of the areas it shows (versions.py), told to
the front (front.py) so each worker answers it from memory until a purge, and marked public
for the caches in front, never past the next scheduled change. The page cache's middleware
shares reader pages through it; the content API (api/caching.py) its JSON answers, with
validators of its own.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from . import frontcache
from .shared import ENVIRON_KEY, Shared
from .versions import Versions

logger = logging.getLogger(__name__)

# Whether an answer came from the cache ("hit") or was just made and kept ("miss"); the front
# keeps only answers that carry it.
STATUS_HEADER = "X-Page-Cache"


def public(
    response: HttpResponse, valid_for: float | None, areas=None, *, vary_cookie: bool = True
) -> None:
    """Public caching, never past the moment the next scheduled story goes live.

    A shared answer (`areas`) names its areas for the caches in front; with those purged,
    they keep it long and browsers revalidate (frontcache.py). Else short-lived.
    `vary_cookie`: a visitor with a session or a pending comment gets another page.
    """
    if areas is not None and frontcache.purging():
        frontcache.share_long(response, areas, valid_for)
    else:
        browser, proxy = settings.PAGE_CACHE_BROWSER_SECONDS, settings.PAGE_CACHE_PROXY_SECONDS
        if valid_for is not None:
            browser, proxy = min(browser, int(valid_for)), min(proxy, int(valid_for))
        patch_cache_control(response, public=True, max_age=browser, s_maxage=proxy)
        if areas is not None:
            frontcache.name_keys(response, areas)
    if vary_cookie:
        patch_vary_headers(response, ["Cookie"])


def tell_front(request: HttpRequest, areas, current: Versions, expires: float, story=None):
    """Let the front answer this from memory until a purge or `expires`."""
    valid_for = current.seconds_valid()
    if valid_for is not None:
        # Its Cache-Control was reckoned for now: it leaves memory well before the moment.
        margin = max(settings.PAGE_CACHE_BROWSER_SECONDS, frontcache.proxy_seconds())
        expires = min(expires, time.time() + valid_for - margin)
    request.environ[ENVIRON_KEY] = Shared(frozenset(areas), expires, story)


def from_cache(entry, current: Versions | None) -> tuple[HttpResponse, float] | None:
    """The kept answer `entry` and when it expires, if it was made under `current`."""
    if entry is None or current is None or entry[0] != current.token:
        return None
    _token, status, headers, content, expires = entry
    response = HttpResponse(content, status=status, headers=headers)
    response[STATUS_HEADER] = "hit"
    return response, expires


def keep(key: str, response: HttpResponse, current: Versions, seconds: int) -> float | None:
    """Keep `response` under `key` for `seconds` at most (less before a scheduled change);
    when it expires, or None if the cache would not take it."""
    timeout = seconds
    valid_for = current.seconds_valid(time.time())
    if valid_for is not None:
        timeout = max(1, min(timeout, int(valid_for) + 1))
    expires = time.time() + timeout
    entry = (current.token, response.status_code, dict(response.items()), response.content, expires)
    try:
        cache.set(key, entry, timeout)
    except Exception:
        logger.warning("Could not keep %s in the cache", key, exc_info=True)
        return None
    return expires
