"""Purging areas a change made stale: at once, and again once the change is committed.

An area is what a page or a part of it shows, with a generation in `versions`; the apps name
their areas and say which pages show which (registry.py) and which changes touch them (the
articles' rules: articles/pages.py). Every purge of a change goes through `changed` here, so
each one runs as the change is made and again once it is committed (see `_bump`).
The committed purge also goes to the caches in front of the app, by key (frontcache.py).
"""

from collections.abc import Iterable

from django.db import transaction

from . import frontcache, versions


def _bump(areas: Iterable[str], *, schedule: bool = False) -> None:
    """Purge now, and again once committed.

    The first purge shows the change to the very next request of this same transaction's
    thread; a reader rendering meanwhile from the state before the commit may cache it under
    the new generation, so the second purge drops that. A rolled-back change costs a purge.
    The committed one is numbered, so that Redis losing it is noticed (epoch.py).
    """
    areas = tuple(areas)
    if not transaction.get_connection().in_atomic_block:
        versions.bump_quietly(areas, schedule=schedule, committed=True)
        frontcache.purge(areas)
        return
    versions.bump_quietly(areas, schedule=schedule)
    transaction.on_commit(lambda: versions.bump_quietly(areas, schedule=schedule, committed=True))
    # The caches in front, by key: after the committed purge above (callbacks run in order),
    # so that what they fetch again is the new page (frontcache.py).
    transaction.on_commit(lambda: frontcache.purge(areas))


def changed(areas: Iterable[str], *, schedule: bool = False) -> None:
    """A change made `areas` stale: purged now and again once committed.

    `schedule`: the change may move the next scheduled one (registry.schedule): it is looked
    up again each time.
    """
    _bump(areas, schedule=schedule)
