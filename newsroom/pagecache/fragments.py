"""Parts of a reader page kept in the cache between renderings, under the page cache's purges.

A page cache miss (right after a purge, or with PAGE_CACHE_SECONDS=0) still finds the costly
parts here: the story body with its pictures, the tags, related stories, the sidebar, the
menu. All parts of a page come back in one round trip, stored with the generations of the
areas the page shows, so they go stale exactly when the page does.
"""

import logging
from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.core.cache import cache

from . import versions

logger = logging.getLogger(__name__)

PART_KEY = "pagecache:part:{}"
# Purges make parts stale; this only bounds what an idle cache keeps (and the sidebar's
# view counts, which change without a purge).
PART_SECONDS = 300

Compute = Callable[[dict[str, Any]], Any]


def parts(areas: Sequence[str], specs: dict[str, Compute]) -> dict[str, Any]:
    """Each named part from the cache, or computed (in order, seeing the parts before it)."""
    # Kept per set of areas: a part shared by pages that show different areas (the menu on
    # a story page and on the home page) would otherwise be stored over and over.
    scope = "|".join(areas)
    keys = {name: PART_KEY.format(f"{name}@{scope}") for name in specs}
    try:
        current, found, _ = versions.read(areas, *keys.values())
    except Exception:
        logger.warning("Page parts cache unavailable", exc_info=True)
        current, found = None, {}
    token = current.token if current is not None else None
    values: dict[str, Any] = {}
    fresh: dict[str, tuple[str, Any]] = {}
    for name, compute in specs.items():
        entry = found.get(keys[name])
        if token is not None and entry is not None and entry[0] == token:
            values[name] = entry[1]
        else:
            values[name] = compute(values)
            fresh[keys[name]] = (token, values[name])
    if fresh and token is not None:
        try:
            cache.set_many(fresh, min(PART_SECONDS, settings.PAGE_CACHE_SECONDS or PART_SECONDS))
        except Exception:
            logger.warning("Could not keep page parts", exc_info=True)
    return values
