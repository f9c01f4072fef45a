"""What sharing the purges through the database costs a page, without Redis (pagecache/ledger.py).

Usage: .venv/bin/python bench/purge_cost.py [--requests 5000] [--rounds 5]

On a fresh SQLite file with the demo paper (WAL, as `make run` and gunicorn use it), in one
process: a story page answered from memory by the front (pagecache/front.py) and answered
from the page cache by Django (the front off), each timed with the purges read from the
database as now, and with the process trusting its own memory as before (one process only:
what gunicorn -w 2 got wrong). Prints microseconds per request; not part of the test suite.

Last run (2-core machine, load 0.6; medians of 5 rounds):

    purges read from        versions.read   front hit  Django hit
    database (now)              15.4 µs      14.1 µs     253.2 µs
    own memory (before)         28.9 µs       4.7 µs     249.8 µs

End to end on the same machine, the warm story page through `gunicorn newsroom.wsgi` (sync
workers) on SQLite, `wrk -d8s`, five runs each, the two versions in turn: 2 workers and 8
connections, about 6,670 requests/s against 7,970 before (-16%); 1 worker and 1 connection,
4,180 against 4,680 (+26 µs a request).
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def environ(path: str) -> dict:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": BytesIO(),
        "wsgi.errors": BytesIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def timed(app, path: str, requests: int) -> float:
    """Median of five runs, microseconds per request."""

    def start_response(status, headers, exc_info=None):
        assert status.startswith("200"), status

    runs = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(requests // 5):
            result = app(environ(path), start_response)
            b"".join(result)
            if hasattr(result, "close"):
                result.close()
        runs.append((time.perf_counter() - started) / (requests // 5) * 1e6)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="purge-cost-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings_test",  # plain static files
        DEBUG="0",
        SECRET_KEY="purge-cost-bench",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        REDIS_URL="",
        MEDIA_ROOT=str(folder / "media"),
        ALLOWED_HOSTS="127.0.0.1",
    )
    for command in (["migrate", "--noinput"], ["loaddemo"]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, check=True, capture_output=True
        )

    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    from articles.models import Article
    from pagecache import bus, ledger, versions
    from pagecache.front import PageCacheFront
    from pagecache.purge import page_areas

    story = Article.objects.filter(status=Article.Status.PUBLISHED).first()
    path = story.get_absolute_url()
    areas = page_areas("articles:detail", {"pk": story.pk})
    django_app = WSGIHandler()

    shared_in_use, shared_drain = ledger.in_use, bus.Listener.drain

    def one_process(listener) -> bool:
        return True  # what the front did before without Redis: trust its own memory

    results: dict[str, list[tuple[float, float, float]]] = {}
    for _ in range(args.rounds):  # the two ways in turn, so a busy machine weighs on both
        for label, shared in (("database (now)", True), ("own memory (before)", False)):
            ledger.in_use = shared_in_use if shared else (lambda: False)
            bus.Listener.drain = shared_drain if shared else one_process
            front = PageCacheFront(django_app)
            timed(front, path, 50)  # made, kept
            started = time.perf_counter()
            for _ in range(args.requests):
                versions.read(areas)
            generations = (time.perf_counter() - started) / args.requests * 1e6
            front_hit = timed(front, path, args.requests)
            django_hit = timed(django_app, path, args.requests // 5)
            results.setdefault(label, []).append((generations, front_hit, django_hit))
    print(f"median of {args.rounds} rounds, microseconds per request (load: {os.getloadavg()})")
    print(f"{'purges read from':<22}{'versions.read':>15}{'front hit':>12}{'Django hit':>12}")
    for label, rows in results.items():
        medians = [statistics.median(column) for column in zip(*rows, strict=True)]
        print(f"{label:<22}" + "".join(f"{value:>10.1f} µs" for value in medians))


if __name__ == "__main__":
    main()
