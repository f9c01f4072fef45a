"""Without Redis, the generations live in the database: every process shares every purge.

With Redis, the generations (versions.py) are in the cache that every server shares. Without
it the cache is each process's own memory, so a purge made in one gunicorn worker, in the
shell or in a command would reach no other process. Here they are kept instead in a small
table of the database that all those processes already share (`Generation`), and only the
generations: pages and parts stay in each process's memory, stored under the generations
they were made with and served only while those are still the table's.

What holds:
- **A purge is committed with its change.** `bump` writes inside the transaction it is
  called in, and the page cache purges inside the change's transaction (purge._bump): the
  new generations become visible to every process at the moment the change does. A request
  reads the generations first (one query) and the page's rows after, so a page stored under
  the new generations was made from the committed change, and a page stored under the old
  ones is not served by any process once the change is committed. A change committed on its
  own (autocommit, as `story.save()` in the shell) is purged right after, in the next
  statement's transaction: before the `save()` returns.
- **The front hears it too.** Each purge takes the next number from the `#purges` row, which
  it holds locked to its commit (SQLite: the write lock), so numbers are committed in order.
  Before a process answers from memory (front.py, through bus.Listener), it reads the rows
  numbered above the last it saw, in one query, and drops the pages that show those areas.
  A table flushed or restored from a backup (the `#purges` row's value names the table's
  lifetime, and its number only grows) drops everything.
- **Nothing is counted up or reused:** generations are random (versions._new); an area never
  purged has `NEVER`, and EVERYTHING, which every token includes, is made afresh when its row
  is missing, so a table emptied can never make an old page current again.

Cost: one primary-key query per page the middleware answers, and one indexed query before
each page the front answers from memory (both read the primary, never a replica: it lags).
"""

import logging
from collections.abc import Iterable
from uuid import uuid4

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F

logger = logging.getLogger(__name__)

COUNTER = "#purges"
NEXT_PUBLISH = "#next-publish"
# The generation of an area no purge has named since the table began.
NEVER = "0"
NONE_SCHEDULED = ""

Seen = tuple[str, int]  # the table's lifetime (the counter's value) and the last number seen


def in_use() -> bool:
    """Whether the generations live here: the cache is not one all processes share."""
    return not isinstance(caches["default"], RedisCache)


def _model():
    from .models import Generation

    return Generation


_PURGED_SINCE = "SELECT area, value, number FROM {table} WHERE area = {mark} OR number > {mark}"
_SQL: dict[tuple[str, str], str] = {}  # made once per database alias and query


def _fetch_directly(query: str, params: tuple) -> list[tuple]:
    """Rows of `query` through the driver's own cursor, Django's errors raised.

    Read on every request, often before Django (the front): Django's cursor wrapper would
    cost more than the query itself (bench/purge_cost.py). So these reads are not among
    the queries Django counts or logs.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    sql = _SQL.get((connection.alias, query))
    if sql is None:
        table = connection.ops.quote_name(_model()._meta.db_table)
        mark = "?" if connection.vendor == "sqlite" else "%s"
        sql = _SQL[connection.alias, query] = query.format(table=table, mark=mark)
    with connection.wrap_database_errors:
        connection.ensure_connection()
        cursor = connection.connection.cursor()
        try:
            cursor.execute(sql, params)
            return cursor.fetchall()
        finally:
            cursor.close()


def read(areas: Iterable[str]) -> dict[str, str]:
    """The stored values of `areas`, by area: those with no row are left out. One query."""
    names = tuple(dict.fromkeys(areas))
    marks = ", ".join(["{mark}"] * len(names))
    query = f"SELECT area, value FROM {{table}} WHERE area IN ({marks})"
    return dict(_fetch_directly(query, names))


def add(area: str, value: str) -> str:
    """Give `area` `value` unless it has one already; the value it has now."""
    Generation = _model()
    rows = Generation.objects.using(DEFAULT_DB_ALIAS)
    rows.bulk_create([Generation(area=area, value=value, number=0)], ignore_conflicts=True)
    # Another process may have added first: everyone takes whatever won.
    return rows.filter(area=area).values_list("value", flat=True).first() or value


def _count_up() -> int:
    """The next purge number; the caller's transaction holds the counter until it commits."""
    Generation = _model()
    rows = Generation.objects.using(DEFAULT_DB_ALIAS)
    if not rows.filter(area=COUNTER).update(number=F("number") + 1):
        rows.bulk_create(
            [Generation(area=COUNTER, value=uuid4().hex, number=0)], ignore_conflicts=True
        )
        rows.filter(area=COUNTER).update(number=F("number") + 1)
    return rows.filter(area=COUNTER).values_list("number", flat=True).get()


def bump(generations: dict[str, str]) -> int:
    """Set `generations` (area to value) as the next purge, in the caller's transaction if
    there is one (then they are seen when it commits, and undone if it is rolled back)."""
    Generation, rows = _model(), generations
    with transaction.atomic(using=DEFAULT_DB_ALIAS):
        number = _count_up()
        Generation.objects.using(DEFAULT_DB_ALIAS).bulk_create(
            [Generation(area=area, value=value, number=number) for area, value in rows.items()],
            update_conflicts=True,
            unique_fields=["area"],
            update_fields=["value", "number"],
        )
    return number


def store_next_publish(value: str, *, purge: bool) -> None:
    """Keep when the next scheduled story goes live; `purge`: tell every front (its pages
    were timed by the old schedule)."""
    if purge:
        bump({NEXT_PUBLISH: value})
        return
    Generation = _model()
    rows = Generation.objects.using(DEFAULT_DB_ALIAS)
    if not rows.filter(area=NEXT_PUBLISH).update(value=value):
        rows.bulk_create([Generation(area=NEXT_PUBLISH, value=value)], ignore_conflicts=True)


def went_live(stored: str, after: str, generations: dict[str, str]) -> bool:
    """The scheduled story of `stored` is live: purge `generations`, once, whoever notices.

    The first process to move the next publish time on from `stored` to `after` purges; the
    others find it moved and do nothing.
    """
    Generation = _model()
    with transaction.atomic(using=DEFAULT_DB_ALIAS):
        moved = (
            Generation.objects.using(DEFAULT_DB_ALIAS)
            .filter(area=NEXT_PUBLISH, value=stored)
            .update(value=after)
        )
        if moved:
            bump(generations)
    return bool(moved)


def purged_since(seen: Seen | None) -> tuple[Seen, frozenset[str] | None]:
    """Where the purges stand now, and the areas purged since `seen` (None: never looked).

    None for the areas: everything, when this process has not looked before, when the table
    is not the one it saw, or when the schedule changed.
    """
    after = seen[1] if seen is not None else 2**62  # the first look needs the counter only
    rows = _fetch_directly(_PURGED_SINCE, (COUNTER, after))
    now = ("", 0)
    areas = set()
    for area, value, number in rows:
        if area == COUNTER:
            now = (value, number)
        else:
            areas.add(area)
    if seen is None or now[0] != seen[0] or now[1] < seen[1] or NEXT_PUBLISH in areas:
        return now, None
    return now, frozenset(areas)
