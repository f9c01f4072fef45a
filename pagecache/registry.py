"""What the apps tell the page cache about their pages: the cache knows no content model.

Invariant: the page cache imports no app (import-linter's contracts in pyproject.toml say so
in CI). Each app registers here, in its `AppConfig.ready()`, what the cache needs to know,
the way Wagtail's content apps register with its `frontend_cache`; the cache reads it only
while answering requests, so every app has registered by then:

- `page`: a URL name whose page every reader shares, the areas it shows (each purged by
  its own generation, versions.py), per object from the URL's kwargs where it has one, and
  which object a hit on it counts a view of;
- `count_views`: what a hit does for that object (the middleware counts it in the same
  round trip to the cache, the front counts in memory and adds a batch);
- `schedule`: when the next scheduled change is and which areas it makes stale: the cache
  keeps pages no longer than until then;
- `personal_cookie`: a cookie that makes a page one visitor's own, never shared;
- `parameters`: the query parameters a shared page reads, each in one form (canonical.py).

A URL name nobody registered is never shared. Each page has one owner: registering it twice
is an error, and so is a second view counter.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

Areas = tuple[str, ...] | Callable[[Mapping], tuple[str, ...]]
# A parameter's one form of the value a reader sent; None when it is the same page without it.
Rule = Callable[[str], str | None]


@dataclass(frozen=True)
class Page:
    areas: Areas
    viewed: Callable[[Mapping], int] | None = None


@dataclass(frozen=True)
class Views:
    """How a hit counts a view of the object `Page.viewed` names."""

    # The cache key counting the object's views, counted one up in the hit's round trip.
    key: Callable[[int], str]
    # Called with the count that key has just reached (a full batch goes to the database).
    counted: Callable[[int, int], None]
    # The front's views of the object counted in memory, added at once.
    add: Callable[[int, int], None]


@dataclass(frozen=True)
class Schedule:
    """A change the apps have scheduled: when the next one is, and what it makes stale."""

    next_change: Callable[[], float | None]  # a Unix time, from the database; None: none
    areas: tuple[str, ...]


_PAGES: dict[str, Page] = {}
_VIEWS: list[Views] = []
_SCHEDULES: list[Schedule] = []
_COOKIES: set[str] = set()
_PARAMETERS: dict[str, dict[str, Rule]] = {}


def page(url_name: str, areas: Areas, *, viewed: Callable[[Mapping], int] | None = None):
    """The page `url_name` is shared by every reader and shows `areas`.

    `areas`: a tuple, or a function of the URL's kwargs (a story's own areas by its pk).
    `viewed`: the object a hit on the page counts a view of (see `count_views`).
    """
    if url_name in _PAGES:
        raise ValueError(f"{url_name} is registered with the page cache already")
    _PAGES[url_name] = Page(areas, viewed)


def count_views(views: Views) -> None:
    """What a hit on a page with a `viewed` object does: count a view of it."""
    if _VIEWS:
        raise ValueError("a view counter is registered with the page cache already")
    _VIEWS.append(views)


def schedule(next_change: Callable[[], float | None], areas: Iterable[str]) -> None:
    """Pages are kept no later than `next_change()`; at that moment `areas` are purged."""
    _SCHEDULES.append(Schedule(next_change, tuple(areas)))


def personal_cookie(name: str) -> None:
    """A request carrying cookie `name` is that visitor's own: never shared, never kept."""
    _COOKIES.add(name)


def parameters(url_name: str, rules: Mapping[str, Rule]) -> None:
    """The shared page `url_name` reads these query parameters, in the order written here."""
    kept = _PARAMETERS.setdefault(url_name, {})
    for name, rule in rules.items():
        if name in kept:
            raise ValueError(f"{url_name}'s parameter {name} is registered already")
        kept[name] = rule


# What the page cache reads.


def shared_pages() -> frozenset[str]:
    return frozenset(_PAGES)


def page_areas(url_name: str, kwargs: Mapping) -> tuple[str, ...] | None:
    """The areas the reader page `url_name` shows, or None for a page never shared."""
    registered = _PAGES.get(url_name)
    if registered is None:
        return None
    areas = registered.areas
    return areas(kwargs) if callable(areas) else areas


def viewed(url_name: str, kwargs: Mapping) -> int | None:
    """The object a hit on page `url_name` counts a view of, if any."""
    registered = _PAGES.get(url_name)
    if registered is None or registered.viewed is None or not _VIEWS:
        return None
    return registered.viewed(kwargs)


def views() -> Views | None:
    return _VIEWS[0] if _VIEWS else None


def next_change() -> float | None:
    """The earliest next scheduled change of every app, or None."""
    moments = [moment for each in _SCHEDULES if (moment := each.next_change()) is not None]
    return min(moments, default=None)


def scheduled_areas() -> tuple[str, ...]:
    """What a scheduled change makes stale when its moment passes (every app's, together)."""
    return tuple(dict.fromkeys(area for each in _SCHEDULES for area in each.areas))


def personal_cookies() -> frozenset[str]:
    return frozenset(_COOKIES)


def query_parameters() -> dict[str, dict[str, Rule]]:
    return {url_name: dict(rules) for url_name, rules in _PARAMETERS.items()}
