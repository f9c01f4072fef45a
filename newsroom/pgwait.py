"""Bounded waits on PostgreSQL: a server that accepts connections and never answers costs a
request a few seconds and a 503, never a server thread for good.

Against such a server (stopped, frozen, its storage stalled) the kernel still acknowledges
every packet, so TCP keepalives, `tcp_user_timeout` and `statement_timeout` never fire, and
libpq waits for an answer without limit. gunicorn's `timeout` does not help either: a gthread
worker's heartbeat comes from its main loop, not from the threads that wait. So each wait for
the server goes through `wait()` (psycopg2's wait callback, installed by `install()` in the
app server's processes):

- a new connection must be made within `DATABASE_CONNECT_TIMEOUT`;
- a query the server has been silent on for `DATABASE_CHECK_AFTER` seconds makes a fresh
  connection run `SELECT 1`, bounded the same way: if the server answers it, the query is only
  slow and waiting goes on; if not, the server is hung;
- a hung server is logged, the connection is cut, and every wait for that server fails at
  once for `DATABASE_RETRY_SECONDS`, so the requests queued behind it are answered (503 pages,
  and pages from the cache, which need no database) instead of each waiting in turn.

The failure is a psycopg2 `OperationalError`, which Django and `newsroom.outage` already
answer with the 503 page.
"""

import contextlib
import logging
import select
import socket
import threading
import time

import psycopg2
from django.conf import settings
from psycopg2 import extensions

logger = logging.getLogger(__name__)

# Where a connection is made; anything else is a connection that is set up.
_SET_UP = {extensions.STATUS_READY, extensions.STATUS_BEGIN, extensions.STATUS_PREPARED}
# What a probe connection keeps of the connection it speaks for.
_PROBE_PARAMETERS = ("host", "port", "user", "dbname", "sslmode", "passfile")

_down_until: dict[tuple[str, str], float] = {}
_probe = threading.local()


def install() -> None:
    """Bound every wait for PostgreSQL in this process (psycopg2's wait callback)."""
    extensions.set_wait_callback(wait)


def wait(conn) -> None:
    """Wait for `conn` as libpq would, within the bounds above."""
    server = (conn.info.host, conn.info.port)
    probe_deadline = getattr(_probe, "deadline", None)
    if probe_deadline is None:
        _refuse_if_down(server, conn)
    since = time.monotonic()
    connecting = conn.status not in _SET_UP
    state = conn.poll()
    while state != extensions.POLL_OK:
        if probe_deadline is not None:
            limit = probe_deadline
        elif connecting:
            limit = since + settings.DATABASE_CONNECT_TIMEOUT
        else:
            limit = time.monotonic() + settings.DATABASE_CHECK_AFTER
        while not _ready(conn, state, limit - time.monotonic()):
            if probe_deadline is not None:
                raise psycopg2.OperationalError("the probe connection did not answer in time")
            if connecting:
                _hung(server, conn, f"made no connection in {settings.DATABASE_CONNECT_TIMEOUT} s")
            _refuse_if_down(server, conn)
            if not _answers(conn):
                _hung(server, conn, "answers neither a query nor a new connection's SELECT 1")
            limit = time.monotonic() + settings.DATABASE_CHECK_AFTER
        state = conn.poll()


def _ready(conn, state: int, seconds: float) -> bool:
    """Whether `conn`'s socket is ready for what libpq asked within `seconds`."""
    fileno = conn.fileno()
    wanted = ([fileno], [], []) if state == extensions.POLL_READ else ([], [fileno], [])
    return any(select.select(*wanted, max(seconds, 0)))


def _answers(conn) -> bool:
    """Whether the server answers `SELECT 1` on a fresh connection within the connect timeout."""
    parameters = {
        name: value
        for name, value in conn.info.dsn_parameters.items()
        if name in _PROBE_PARAMETERS and value
    }
    if conn.info.password:
        parameters["password"] = conn.info.password
    timeout = settings.DATABASE_CONNECT_TIMEOUT
    _probe.deadline = time.monotonic() + timeout
    try:
        probe = psycopg2.connect(**parameters, connect_timeout=max(2, int(timeout)))
        try:
            with probe.cursor() as cursor:
                cursor.execute("SELECT 1")
        finally:
            probe.close()
    except psycopg2.Error:
        return False
    finally:
        del _probe.deadline
    return True


def _refuse_if_down(server: tuple[str, str], conn) -> None:
    if _down_until.get(server, 0) > time.monotonic():
        _cut(conn)
        raise psycopg2.OperationalError(
            f"PostgreSQL at {server[0]}:{server[1]} was found hung; not waiting for it"
        )


def _hung(server: tuple[str, str], conn, what: str) -> None:
    retry = settings.DATABASE_RETRY_SECONDS
    _down_until[server] = time.monotonic() + retry
    logger.error(
        "PostgreSQL at %s:%s %s: the connection is cut, and the database is not waited for "
        "during the next %s s",
        *server,
        what,
        retry,
    )
    _cut(conn)
    raise psycopg2.OperationalError(f"PostgreSQL at {server[0]}:{server[1]} {what}")


def _cut(conn) -> None:
    """Shut the connection's socket, so that libpq finds it closed instead of waiting on it.

    `conn.close()` cannot be called here: psycopg2 holds the connection's lock during a wait.
    """
    try:
        fileno = conn.fileno()
    except psycopg2.Error:
        return
    with socket.socket(fileno=socket.dup(fileno)) as sock, contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
