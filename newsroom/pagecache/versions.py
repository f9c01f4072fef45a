"""Generation numbers of cached reader pages: a purge gives an area a new one.

Every cached page and fragment is stored with the generations of the areas it shows; a page
whose stored generations differ from the current ones is stale and rendered afresh. The
generations live in the shared cache, so a purge on one app server reaches all of them.
They are random, never counted up: a generation lost from the cache (evicted, flushed) is
replaced by a new one and can never make an old page current again.

Scheduled stories need no cron job: the time of the next one is kept beside the
generations and read with them; the first request after that moment renews `stories`.
"""

import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from uuid import uuid4

from django.core.cache import cache
from django.db.models import Min
from django.utils import timezone

from . import bus, store

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:gen:{}"
NEXT_PUBLISH_KEY = "pagecache:next-publish"
LIVE_KEY = "pagecache:live:{}"
NONE_SCHEDULED = 0.0
# The next publish time is looked up again at least this often, whatever happens.
NEXT_PUBLISH_RECHECK = 600


@dataclass(frozen=True)
class Versions:
    """The current generations of some areas, and when the next scheduled story goes live."""

    generations: dict[str, str]
    next_publish: float | None  # a Unix time, or None when nothing is scheduled

    @property
    def token(self) -> str:
        return ".".join(self.generations[area] for area in sorted(self.generations))

    def seconds_valid(self, now: float | None = None) -> float | None:
        """Seconds until the next scheduled story makes these versions stale, or None."""
        if self.next_publish is None:
            return None
        return max(0.0, self.next_publish - (time.time() if now is None else now))


def _new() -> str:
    return uuid4().hex[:12]


def next_scheduled_time() -> float | None:
    """The publish time of the next published story still in the future, from the database."""
    from articles.models import Article

    moment = Article.objects.filter(
        status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
    ).aggregate(first=Min("published_at"))["first"]
    return moment.timestamp() if moment else None


def _store_next_publish() -> float | None:
    moment = next_scheduled_time()
    cache.set(NEXT_PUBLISH_KEY, NONE_SCHEDULED if moment is None else moment, NEXT_PUBLISH_RECHECK)
    return moment


def read(
    areas: Sequence[str], *extra_keys: str, counter: str | None = None
) -> tuple[Versions, dict, int | None]:
    """The areas' current versions, `extra_keys`' values, and `counter` counted one up if the
    first extra key is present (see store.fetch).

    One cache round trip, but after a purge or a flush. Raises what the cache raises when
    it is down: callers then render without caching.
    """
    keys = {GENERATION_KEY.format(area): area for area in areas}
    if_present = extra_keys[0] if extra_keys else None
    found, count = store.fetch([*keys, NEXT_PUBLISH_KEY, *extra_keys], counter, if_present)
    generations = {area: found.get(key) for key, area in keys.items()}
    missing = [GENERATION_KEY.format(area) for area, value in generations.items() if value is None]
    if missing:
        for key in missing:
            cache.add(key, _new(), timeout=None)
        # Another server may have added first: everyone takes whatever won.
        for key, value in cache.get_many(missing).items():
            generations[keys[key]] = value
        for area, value in generations.items():
            if value is None:  # evicted again at once: this request shares nothing
                generations[area] = _new()
    if NEXT_PUBLISH_KEY in found:
        stored = found[NEXT_PUBLISH_KEY]
        next_publish = None if stored == NONE_SCHEDULED else stored
    else:
        next_publish = _store_next_publish()
    if next_publish is not None and next_publish <= time.time():
        # A scheduled story has just gone live: every page listing stories is stale. The
        # first request to notice purges, once, however many servers notice at that moment.
        if cache.add(LIVE_KEY.format(next_publish), True, NEXT_PUBLISH_RECHECK):
            bump("stories")
            next_publish = _store_next_publish()
        if "stories" in generations:
            generations["stories"] = cache.get(GENERATION_KEY.format("stories")) or _new()
    extra = {key: found[key] for key in extra_keys if key in found}
    return Versions(generations, next_publish), extra, count


def bump(*areas: str) -> None:
    """Make every page and fragment that shows one of `areas` stale, on every server."""
    cache.set_many({GENERATION_KEY.format(area): _new() for area in areas}, timeout=None)
    bus.publish(areas)


def schedule_changed() -> None:
    """A story's status or publish time changed: look up the next scheduled one again.

    Called as the change is saved (so readers need not look it up) and again once it is
    committed; a change rolled back is put right by NEXT_PUBLISH_RECHECK at the latest.
    """
    try:
        _store_next_publish()
        # Pages kept in memory were timed by the old schedule.
        bus.publish([bus.EVERYTHING])
    except Exception:
        logger.exception("Could not note the next scheduled story")


def bump_quietly(areas: Iterable[str], *, schedule: bool = False) -> None:
    """Bump, logging instead of failing when the cache is down (the change is committed)."""
    areas = list(areas)
    try:
        bump(*areas)
    except Exception:
        logger.exception("Could not purge cached pages of %s", areas)
    if schedule:
        schedule_changed()
