"""Without Redis, the generations live in the database: every process shares every purge.

With Redis, the generations (versions.py) are in the cache that every server shares. Without
it the cache is each process's own memory, so a purge made in one gunicorn worker, in the
shell or in a command would reach no other process. Here they are kept instead in a small
table of the database all those processes already share (`Generation`), and only the
generations: pages and parts stay in each process's memory, stored under the generations
they were made with and served only while those are still the table's.

Why the database, not a file cache all processes share (Django's FileBasedCache, diskcache):
it is shared by exactly the processes that share the data (any number of workers, runserver,
the shell, every command, a Celery worker; with PostgreSQL, several machines), it needs no
path to agree on, and a purge commits or rolls back with its change. A second store beside
the data would leave a moment after each commit when the change is saved and not yet purged.

What holds:
- **A purge is committed with its change.** `bump` writes inside the transaction it is
  called in, and the page cache purges inside the change's transaction (purge._bump): the
  new generations become visible to every process at the moment the change does. A request
  reads the generations first (one query) and the page's rows after, so a page stored under
  the new generations was made from the committed change, and a page stored under the old
  ones is not served by any process once the change is committed: no reader sees the new
  page from one worker and then the old one from another. A change committed on its own
  (autocommit, as `story.save()` in the shell; the admin, moderation and the workflow run in
  transactions) is purged in the next statement, before `save()` returns.
- **The front hears it too.** Each purge takes the next number from the `#purges` row, which
  it holds locked to its commit (SQLite: the write lock), so numbers are committed in order.
  Before a process answers from memory (front.py, through bus.Listener), it reads the rows
  numbered above the last it saw, in one query, and drops the pages that show those areas.
  A table emptied (its `#purges` row made afresh names a new lifetime) or set back to an
  older number (a backup restored) drops everything.
- **No generation is counted up or reused:** they are random (versions._new); an area never
  purged has `NEVER`, and EVERYTHING, which every token includes, is made afresh when its row
  is missing, so a table emptied can never make an old page current again.

The table is read and written through the database driver's own cursor, in the connection
and transaction Django holds, with Django's errors: like the cache's round trips, these
statements are not among the queries Django counts for a page, and Django's cursor wrapper
would cost more than the query itself. They are plain SQL that SQLite (3.24 on) and
PostgreSQL both run. On PostgreSQL without Redis, transactions that purge take turns on the
`#purges` row until each commits (on SQLite every writer takes turns anyway). One row per
area ever purged (two per story at most): the table stays small.

Cost (bench/purge_cost.py, SQLite): one primary-key query per page the middleware answers,
cheaper than the in-process cache's read of the generations it replaces, and one indexed
query before each page the front answers from memory, about 10 µs there. Both read the
primary, never a replica, which lags.
"""

import logging
from collections.abc import Iterable
from uuid import uuid4

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import DEFAULT_DB_ALIAS, connections, transaction

logger = logging.getLogger(__name__)

COUNTER = "#purges"
NEXT_PUBLISH = "#next-publish"
# The generation of an area no purge has named since the table began.
NEVER = "0"
NONE_SCHEDULED = ""

Seen = tuple[str, int]  # the table's lifetime (the counter's value) and the last number seen

# Statements with {table} and a {mark} for each parameter; made once per database.
READ = "SELECT area, value FROM {table} WHERE area IN ({marks})"
PURGED_SINCE = "SELECT area, value, number FROM {table} WHERE area = {mark} OR number > {mark}"
ADD = (
    "INSERT INTO {table} (area, value, number) VALUES ({mark}, {mark}, 0)"
    " ON CONFLICT (area) DO NOTHING"
)
COUNT_UP = (
    "INSERT INTO {table} (area, value, number) VALUES ({mark}, {mark}, 1)"
    " ON CONFLICT (area) DO UPDATE SET number = {table}.number + 1"
)
NUMBER = "SELECT number FROM {table} WHERE area = {mark}"
SET = (
    "INSERT INTO {table} (area, value, number) VALUES {rows}"
    " ON CONFLICT (area) DO UPDATE SET value = excluded.value, number = excluded.number"
)
SET_VALUE = (
    "INSERT INTO {table} (area, value, number) VALUES ({mark}, {mark}, 0)"
    " ON CONFLICT (area) DO UPDATE SET value = excluded.value"
)
MOVE = "UPDATE {table} SET value = {mark} WHERE area = {mark} AND value = {mark}"
_SQL: dict[tuple, str] = {}


def in_use() -> bool:
    """Whether the generations live here: the cache is not one all processes share."""
    return not isinstance(caches["default"], RedisCache)


def _run(statement: str, params: tuple, **parts: str) -> tuple[list[tuple], int]:
    """Run `statement` (its `parts` filled in) through the driver's own cursor, in Django's
    connection and transaction; its rows (if it returns any) and the rows it changed."""
    connection = connections[DEFAULT_DB_ALIAS]
    key = (connection.alias, statement, *parts.values())
    sql = _SQL.get(key)
    if sql is None:
        from .models import Generation

        table = connection.ops.quote_name(Generation._meta.db_table)
        mark = "?" if connection.vendor == "sqlite" else "%s"
        whole = statement.format(table="{table}", mark="{mark}", **parts)
        sql = _SQL[key] = whole.format(table=table, mark=mark)
    with connection.wrap_database_errors:
        connection.ensure_connection()
        cursor = connection.connection.cursor()
        try:
            cursor.execute(sql, params)
            return (cursor.fetchall() if cursor.description else []), cursor.rowcount
        finally:
            cursor.close()


def read(areas: Iterable[str]) -> dict[str, str]:
    """The stored values of `areas`, by area: those with no row are left out. One query."""
    names = tuple(dict.fromkeys(areas))
    rows, _ = _run(READ, names, marks=", ".join(["{mark}"] * len(names)))
    return dict(rows)


def add(area: str, value: str) -> str:
    """Give `area` `value` unless it has one already; the value it has now."""
    _run(ADD, (area, value))
    # Another process may have added first: everyone takes whatever won.
    found = read([area])
    return found.get(area, value)


def bump(generations: dict[str, str]) -> int:
    """Set `generations` (area to value) as the next purge, in the caller's transaction if
    there is one (then they are seen when it commits, and undone if it is rolled back).

    A savepoint: a purge that fails leaves the caller's transaction as it was.
    """
    with transaction.atomic(using=DEFAULT_DB_ALIAS):
        # Holds the counter to the commit: purges are numbered in the order they commit.
        _run(COUNT_UP, (COUNTER, uuid4().hex))
        [(number,)], _ = _run(NUMBER, (COUNTER,))
        params = tuple(x for area, value in generations.items() for x in (area, value, number))
        rows = ", ".join(["({mark}, {mark}, {mark})"] * len(generations))
        _run(SET, params, rows=rows)
    return number


def store_next_publish(value: str, *, purge: bool) -> None:
    """Keep when the next scheduled story goes live; `purge`: tell every front (its pages
    were timed by the old schedule)."""
    if purge:
        bump({NEXT_PUBLISH: value})
    else:
        _run(SET_VALUE, (NEXT_PUBLISH, value))


def went_live(stored: str, after: str, generations: dict[str, str]) -> bool:
    """The scheduled story of `stored` is live: purge `generations`, once, whoever notices.

    The first process to move the next publish time on from `stored` to `after` purges; the
    others find it moved and do nothing.
    """
    with transaction.atomic(using=DEFAULT_DB_ALIAS):
        _, moved = _run(MOVE, (after, NEXT_PUBLISH, stored))
        if moved:
            bump(generations)
    return bool(moved)


def purged_since(seen: Seen | None) -> tuple[Seen, frozenset[str] | None]:
    """Where the purges stand now, and the areas purged since `seen` (None: never looked).

    None for the areas: everything, when this process has not looked before, when the table
    is not the one it saw, or when the schedule changed.
    """
    after = seen[1] if seen is not None else 2**62  # the first look needs the counter only
    rows, _ = _run(PURGED_SINCE, (COUNTER, after))
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
