"""Parts of a reader page kept in the cache between renderings, under the page cache's purges.

A page cache miss (right after a purge, or with PAGE_CACHE_SECONDS=0) still finds the costly
parts here: the story body with its pictures, the tags, related stories, the comments, the
sidebar, the menu. A page's parts come back in one round trip, each stored with the
generations of the areas it shows, so each goes stale exactly when what it shows changes.
"""

import logging
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.cache import cache

from . import versions

logger = logging.getLogger(__name__)

PART_KEY = "pagecache:part:{}@{}"
# Purges make parts stale; this only bounds what an idle cache keeps (and the sidebar's
# view counts, which change without a purge).
PART_SECONDS = 300

Compute = Callable[[dict[str, Any]], Any]

_afresh: ContextVar[bool] = ContextVar("parts_afresh", default=False)


@contextmanager
def afresh():
    """Within: every part is computed from the database, none read from or kept in the cache.

    For a page rendered for the record (the lưu chiểu archive) rather than for a reader: it
    shows what is committed now, and warms nothing readers would be served.
    """
    token = _afresh.set(True)
    try:
        yield
    finally:
        _afresh.reset(token)


def parts(specs: dict[str, tuple[Sequence[str], Compute]]) -> dict[str, Any]:
    """Each named part (areas it shows, how to compute it) from the cache, or computed.

    Parts are computed in order, each seeing the ones before it.
    """
    if _afresh.get():
        computed: dict[str, Any] = {}
        for name, (_, compute) in specs.items():
            computed[name] = compute(computed)
        return computed
    # Kept per set of areas: a part shared by pages that show different areas (the menu on
    # a story page and on the home page) would otherwise be stored over and over.
    keys = {name: PART_KEY.format(name, "|".join(areas)) for name, (areas, _) in specs.items()}
    all_areas = sorted({area for areas, _ in specs.values() for area in areas})
    try:
        current, found, _ = versions.read(all_areas, *keys.values())
    except Exception:
        logger.warning("Page parts cache unavailable", exc_info=True)
        current, found = None, {}
    values: dict[str, Any] = {}
    fresh: dict[str, tuple[str, Any]] = {}
    for name, (areas, compute) in specs.items():
        token = None
        if current is not None:
            token = current.token_of(areas)
        entry = found.get(keys[name])
        if token is not None and entry is not None and entry[0] == token:
            values[name] = entry[1]
        else:
            values[name] = compute(values)
            if token is not None:
                fresh[keys[name]] = (token, values[name])
    if fresh:
        try:
            cache.set_many(fresh, min(PART_SECONDS, settings.PAGE_CACHE_SECONDS or PART_SECONDS))
        except Exception:
            logger.warning("Could not keep page parts", exc_info=True)
    return values
