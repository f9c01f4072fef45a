"""Generation numbers of cached reader pages: a purge gives an area a new one.

Every cached page and fragment is stored with the generations of the areas it shows; a page
whose stored generations differ from the current ones is stale and rendered afresh. With
Redis the generations live in the shared cache, so a purge on one app server reaches all of
them. Without it they live in the database (ledger.py), written in the change's own
transaction, so every process using that database (each gunicorn worker, runserver, the shell,
every command) sees a purge the moment its change is committed; pages and parts then stay in
each process's memory, served only under the generations read from there. They are random,
never counted up: a generation lost from the cache (evicted, flushed) is
replaced by a new one and can never make an old page current again. Every token also holds
the generation of EVERYTHING, renewed when Redis is found to lack a committed purge
(epoch.py): Redis back from an outage or from an older snapshot serves no page stored before.

A generation starts with the time it was made. A page rendered within
`REPLICA_STICKY_SECONDS` of a purge of anything it shows reads the primary, not the read
replica (newsroom/routers.py): while the replica lags less than that (and app servers' clocks
agree), no page or part is stored under a generation while showing what came before the
purge that made it. A page read from the replica started rendering at least that long after
its generations' purges, and those purges ran after their changes were committed.

Scheduled stories need no cron job: the time of the next scheduled change (the apps register
how to find it, registry.schedule) is kept beside the generations and read with them; the
first request after that moment renews the areas it makes stale (`stories`).
"""

import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from uuid import uuid4

from django.conf import settings
from django.core.cache import cache

from newsroom import routers

from . import bus, epoch, ledger, registry, store

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:gen:{}"
NEXT_PUBLISH_KEY = "pagecache:next-publish"
LIVE_KEY = "pagecache:live:{}"
NONE_SCHEDULED = 0.0
# The next publish time is looked up again at least this often, whatever happens.
NEXT_PUBLISH_RECHECK = 600
_checked = {"at": float("-inf")}  # when this process last compared purge numbers
# Without Redis: when this process last looked up the next publish time itself.
_next_checked = {"at": float("-inf")}


@dataclass(frozen=True)
class Versions:
    """The current generations of some areas, and when the next scheduled story goes live."""

    generations: dict[str, str]
    next_publish: float | None  # a Unix time, or None when nothing is scheduled

    @property
    def token(self) -> str:
        return self.token_of(self.generations)

    def token_of(self, areas: Iterable[str]) -> str:
        """The token of something showing `areas` (and, as everything does, EVERYTHING)."""
        return ".".join(self.generations[area] for area in sorted({bus.EVERYTHING, *areas}))

    def last_changed(self) -> float | None:
        """When the newest of these generations was made (a purge of its area); None when
        one of them was made before generations carried their time."""
        moments = [_made_at(value) for value in self.generations.values()]
        return None if not moments or None in moments else max(moments)

    def seconds_valid(self, now: float | None = None) -> float | None:
        """Seconds until the next scheduled story makes these versions stale, or None."""
        if self.next_publish is None:
            return None
        return max(0.0, self.next_publish - (time.time() if now is None else now))


def _new() -> str:
    return f"{int(time.time() * 1000):x}-{uuid4().hex[:8]}"


def _made_at(generation: str) -> float | None:
    """The Unix time `generation` was made; None for one made before they carried it."""
    made, dash, _ = generation.partition("-")
    return int(made, 16) / 1000 if dash else None


def _renewed_lately(generations: Iterable[str]) -> bool:
    since = time.time() - settings.REPLICA_STICKY_SECONDS
    return any((made := _made_at(value)) is not None and made > since for value in generations)


def next_scheduled_time() -> float | None:
    """The moment of the next scheduled change still in the future, from the database."""
    return registry.next_change()


def _store_next_publish() -> float | None:
    moment = next_scheduled_time()
    cache.set(NEXT_PUBLISH_KEY, NONE_SCHEDULED if moment is None else moment, NEXT_PUBLISH_RECHECK)
    return moment


def read(
    areas: Sequence[str], *extra_keys: str, counter: str | None = None
) -> tuple[Versions, dict, int | None]:
    """The areas' current versions, `extra_keys`' values, and `counter` counted one up if the
    first extra key is present (see store.fetch).

    One cache round trip, but after a purge or a flush; without Redis, one query of the
    database and one read of this process's cache. Raises what the cache (or the database)
    raises when it is down: callers then render without caching.
    """
    if ledger.in_use():
        return _read_ledger(areas, extra_keys, counter)
    areas = [bus.EVERYTHING, *areas]
    keys = {GENERATION_KEY.format(area): area for area in areas}
    if_present = extra_keys[0] if extra_keys else None
    found, count = store.fetch(
        [*keys, NEXT_PUBLISH_KEY, epoch.KEY, *extra_keys], counter, if_present
    )
    generations = {area: found.get(key) for key, area in keys.items()}
    # The front rechecks the database's number every second (check_every_purge_is_held);
    # without it, the page cache does.
    if epoch.behind(found.get(epoch.KEY), recheck=not settings.PAGE_CACHE_FRONT_PAGES):
        generations[bus.EVERYTHING] = _reset()
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
        scheduled = registry.scheduled_areas()
        if cache.add(LIVE_KEY.format(next_publish), True, NEXT_PUBLISH_RECHECK):
            bump(*scheduled)
            next_publish = _store_next_publish()
        for area in scheduled:
            if area in generations:
                generations[area] = cache.get(GENERATION_KEY.format(area)) or _new()
    if routers.reads_from_replica() and _renewed_lately(generations.values()):
        routers.read_primary()
    extra = {key: found[key] for key in extra_keys if key in found}
    return Versions(generations, next_publish), extra, count


def _encoded(moment: float | None) -> str:
    return ledger.NONE_SCHEDULED if moment is None else repr(moment)


def _decoded(value: str) -> float | None:
    return None if value == ledger.NONE_SCHEDULED else float(value)


def _read_ledger(
    areas: Sequence[str], extra_keys: Sequence[str], counter: str | None
) -> tuple[Versions, dict, int | None]:
    """`read` without Redis: the generations from the database, the rest from this process."""
    areas = [bus.EVERYTHING, *areas]
    stored = ledger.read([*areas, ledger.NEXT_PUBLISH])
    if bus.EVERYTHING not in stored:  # a table just made, or emptied
        stored[bus.EVERYTHING] = ledger.add(bus.EVERYTHING, _new())
    generations = {area: stored.get(area, ledger.NEVER) for area in areas}
    now = time.monotonic()
    if ledger.NEXT_PUBLISH not in stored or now - _next_checked["at"] >= NEXT_PUBLISH_RECHECK:
        # As the cache's copy expires: a story published without a save is found anyway.
        _next_checked["at"] = now
        value = _encoded(next_scheduled_time())
        if stored.get(ledger.NEXT_PUBLISH) != value:
            ledger.store_next_publish(value, purge=False)
        stored[ledger.NEXT_PUBLISH] = value
    next_publish = _decoded(stored[ledger.NEXT_PUBLISH])
    if next_publish is not None and next_publish <= time.time():
        # Gone live: the first process to notice purges, once (ledger.went_live).
        scheduled = registry.scheduled_areas()
        after = _encoded(next_scheduled_time())
        if ledger.went_live(stored[ledger.NEXT_PUBLISH], after, {a: _new() for a in scheduled}):
            bus.heard_here(frozenset(scheduled))
        fresh = ledger.read([*scheduled, ledger.NEXT_PUBLISH])
        for area in scheduled:
            if area in generations:
                generations[area] = fresh.get(area, ledger.NEVER)
        next_publish = _decoded(fresh.get(ledger.NEXT_PUBLISH, after))
    found, count = {}, None
    if extra_keys:
        found, count = store.fetch(list(extra_keys), counter, extra_keys[0])
    if routers.reads_from_replica() and _renewed_lately(generations.values()):
        routers.read_primary()
    return Versions(generations, next_publish), found, count


def _reset() -> str | None:
    """Make every stored page stale: Redis lacks a committed purge. EVERYTHING's generation."""
    number = epoch.known()
    logger.warning("The cache lacks purges up to number %s: every page is made afresh", number)
    generation = epoch.reset(GENERATION_KEY.format(bus.EVERYTHING), _new(), number)
    bus.heard_here(frozenset({bus.EVERYTHING}))
    return generation


@bus.also_check
def check_every_purge_is_held(fresh: bool) -> None:
    """Before a process answers from memory: renew everything if Redis lacks a purge.

    At most once every RECHECK_SECONDS per process, and when the subscription is `fresh`:
    one read of Redis, and of the database.
    """
    now = time.monotonic()
    if not fresh and now - _checked["at"] < epoch.RECHECK_SECONDS:
        return
    _checked["at"] = now
    if epoch.behind(cache.get(epoch.KEY), recheck=True, doubt=fresh):
        _reset()


def bump(*areas: str, number: int | None = None) -> None:
    """Make every page and fragment that shows one of `areas` stale, on every server.

    `number`: the purge's number (epoch.count_up), kept in Redis with the generations.
    """
    if ledger.in_use():
        try:
            ledger.bump({area: _new() for area in areas})
        finally:  # this process's memory drops them anyway
            bus.heard_here(frozenset(areas))
        return
    generations = {GENERATION_KEY.format(area): _new() for area in areas}
    if number is None:
        cache.set_many(generations, timeout=None)
        bus.publish(areas)
        return
    try:
        epoch.write(generations, number, frozenset(areas))
    except Exception:
        bus.heard_here(frozenset(areas), failed=True)
        raise
    bus.heard_here(frozenset(areas))


def schedule_changed() -> None:
    """A story's status or publish time changed: look up the next scheduled one again.

    Called as the change is saved (so readers need not look it up) and again once it is
    committed; a change rolled back is put right by NEXT_PUBLISH_RECHECK at the latest.
    """
    try:
        if ledger.in_use():
            # Pages kept in memory were timed by the old schedule: every process drops them.
            ledger.store_next_publish(_encoded(next_scheduled_time()), purge=True)
            # Just looked up here: this process's readers need not look it up again yet.
            _next_checked["at"] = time.monotonic()
            bus.heard_here(frozenset({bus.EVERYTHING}))
            return
        _store_next_publish()
        # Pages kept in memory were timed by the old schedule.
        bus.publish([bus.EVERYTHING])
    except Exception:
        logger.exception("Could not note the next scheduled story")


def bump_quietly(areas: Iterable[str], *, schedule: bool = False, committed: bool = False) -> None:
    """Bump, logging instead of failing when the cache is down.

    `committed`: the change is in the database. The purge then takes its number there first,
    so that if Redis never holds it, every page stored before is made afresh (epoch.py).
    """
    areas = list(areas)
    number = None
    # Without Redis there is no other copy of the purges to check against the count.
    if committed and not ledger.in_use():
        try:
            number = epoch.count_up()
        except Exception:
            logger.exception("Could not number the purge of %s", areas)
    try:
        bump(*areas, number=number)
    except Exception:
        logger.exception("Could not purge cached pages of %s", areas)
    if schedule:
        schedule_changed()
