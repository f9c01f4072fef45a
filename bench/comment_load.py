"""Comments under load and faults: readers post to gunicorn on PostgreSQL while moderators approve
in bulk through the admin, and PostgreSQL restarts mid-run. Checks that every comment answered
"received" is stored exactly once, that the stories' comment counts match, and that no answer
is a 500; prints the answers by status and the posting latency before, during and after the
restart. Loopback only, bounded in count and time.

    # 50 readers, 2,000 comments, a private PostgreSQL (initdb, pg_ctl) restarted mid-run:
    .venv/bin/python bench/comment_load.py
    # the same on the machine's shared PostgreSQL, restarted with pg_ctlcluster 15 main restart:
    .venv/bin/python bench/comment_load.py --restart cluster
    .venv/bin/python bench/comment_load.py --clients 5 --comments 100 --restart none
"""

import argparse
import itertools
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load_report import check_database, report
from tests.harness.client import Reader, received
from tests.harness.env import server_env
from tests.harness.ports import free_port
from tests.harness.processes import manage, prepare_demo, serve
from tests.harness.stores import PrivatePostgres

RETRY_PAUSE = 0.5
MODERATOR = ("kiemduyet-tai", "mat-khau-tai-thu-9d7e")


class Run:
    """What happened: every answer with its start time, latency and phase."""

    def __init__(self, total: int, deadline: float):
        self.numbers = itertools.count()
        self.total, self.deadline = total, deadline
        self.lock = threading.Lock()
        self.answers: list[tuple[float, float, str, str]] = []  # start, seconds, kind, status
        self.acknowledged: set[int] = set()
        self.gave_up: set[int] = set()
        self.restart: tuple[float, float] | None = None
        self.restart_due = threading.Event()
        self.done = threading.Event()

    def next_number(self) -> int | None:
        with self.lock:
            n = next(self.numbers)
        if n >= self.total or time.monotonic() > self.deadline:
            return None
        return n

    def record(self, started: float, seconds: float, kind: str, status: str) -> None:
        with self.lock:
            self.answers.append((started, seconds, kind, status))

    def phase(self, started: float) -> str:
        if self.restart is None or started < self.restart[0]:
            return "before"
        return "during" if started <= self.restart[1] + 1 else "after"


def post_once(reader: Reader, form: dict, n: int, run: Run, answer: list | None = None):
    """Send the form of comment `n` once; return (status, Location), 0 for a dropped line."""
    started = time.monotonic()
    try:
        status, location, seconds = reader.post_comment(
            form, name=f"Bạn đọc {n % 97}", body=f"[tải {n}] Ý kiến của bạn đọc về bài viết."
        )
    except OSError as error:
        run.record(started, time.monotonic() - started, "post", type(error).__name__)
        status, location = 0, ""
    else:
        run.record(started, seconds, "post", str(status))
    if answer is not None:
        answer.append((status, location))
    return status, location


def reader_loop(base_url: str, stories: list[str], run: Run, client: int) -> None:
    """One reader: load a story, then for each comment get a token and post until received."""
    reader = Reader(base_url, timeout=30)
    form = None
    while (n := run.next_number()) is not None:
        if n == run.total * 2 // 5:
            run.restart_due.set()
        form = None
        while form is None and time.monotonic() < run.deadline:
            started = time.monotonic()
            try:
                form = reader.open_story(stories[n % len(stories)])
                form["token"] = reader.fresh_token(form["article"])
            except (OSError, RuntimeError) as error:
                form = None
                run.record(started, time.monotonic() - started, "page", _status(error))
                time.sleep(RETRY_PAUSE)
            else:
                run.record(started, time.monotonic() - started, "page", "200")
        if form is None:
            run.gave_up.add(n)
            break
        twin, twin_answer = None, []
        if n % 10 == 0:  # a double click: the same form twice at the same instant
            twin_reader = Reader(base_url, timeout=30)
            twin_reader.cookies = dict(reader.cookies)
            twin = threading.Thread(target=post_once, args=(twin_reader, form, n, run, twin_answer))
            twin.start()
        ok = False
        while not ok and time.monotonic() < run.deadline:
            status, location = post_once(reader, form, n, run)
            ok = received(status, location)
            if not ok and status not in (0, 502, 503, 504):
                break  # a refusal is final; a 500 is counted and the check fails
            if not ok:
                time.sleep(RETRY_PAUSE)  # the reader retries the same form
        if twin is not None:
            twin.join()
            twin_reader.close()
            ok = ok or any(received(*answer) for answer in twin_answer)
        with run.lock:
            (run.acknowledged if ok else run.gave_up).add(n)
    reader.close()


def _status(error: Exception) -> str:
    """The status in a reader's RuntimeError ("... answered 503"), or the network error's name."""
    match = re.search(r"answered (\d+)", str(error))
    return match.group(1) if match else type(error).__name__


def moderator_loop(base_url: str, run: Run, final: bool = False) -> int:
    """Log in to the admin and approve the pending comments fifty at a time."""
    admin = Reader(base_url, timeout=30)
    approved = 0
    logged_in = False
    queue = "/admin/comments/comment/?status__exact=pending"
    while True:
        try:
            if not logged_in:
                page = admin.request("GET", "/admin/login/").content
                csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.decode())
                body = urlencode(
                    {
                        "csrfmiddlewaretoken": csrf.group(1),
                        "next": "/admin/",
                        "username": MODERATOR[0],
                        "password": MODERATOR[1],
                    }
                ).encode()
                status = admin.request("POST", "/admin/login/", body, _form_headers(admin)).status
                logged_in = status == 302
                continue
            started = time.monotonic()
            answer = admin.request("GET", queue)
            status, page = answer.status, answer.content
            run.record(started, time.monotonic() - started, "admin", str(status))
            html = page.decode()
            ids = (
                re.findall(r'name="_selected_action" value="(\d+)"', html) if status == 200 else []
            )
            if ids:
                csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
                fields = [("csrfmiddlewaretoken", csrf), ("action", "approve_comments")]
                fields += [("index", "0"), *(("_selected_action", pk) for pk in ids)]
                started = time.monotonic()
                status = admin.request(
                    "POST", queue, urlencode(fields).encode(), _form_headers(admin)
                ).status
                run.record(started, time.monotonic() - started, "admin", str(status))
                if status == 302:
                    approved += len(ids)
                if final:
                    continue
            elif final or run.done.is_set():
                break
        except (OSError, AttributeError):
            pass
        if time.monotonic() > run.deadline + 60:
            break
        time.sleep(0.3 if not final else 0)
    admin.close()
    return approved


def _form_headers(reader: Reader) -> dict[str, str]:
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "Referer": f"{reader.base_url}/admin/",
    }


def run_load(
    *,
    clients: int,
    comments: int,
    restart: str,
    moderators: int = 2,
    workers: int = 4,
    max_seconds: float = 900,
    outage_seconds: float = 0,
    redis_url: str = "",
    production: bool = True,
) -> dict:
    """Set up a database and gunicorn, run the load, check the database; return the figures."""
    work = Path(tempfile.mkdtemp(prefix="newsroom-load-"))
    work.chmod(0o711)  # a private PostgreSQL runs as the postgres user, in a folder in here
    private = None
    try:
        if restart == "cluster":
            name = "newsroom_h9_load"
            server = ["-h", "127.0.0.1", "-U", "postgres"]
            subprocess.run(["dropdb", *server, "--if-exists", name], check=True)
            subprocess.run(["createdb", *server, name], check=True)
            url = f"postgres://postgres@127.0.0.1:5432/{name}"
        else:
            private = PrivatePostgres(work / "pg", free_port())
            private.start()
            private.create_database("newsroom")
            url = private.url("newsroom")
        extra = {"REDIS_URL": redis_url, "CACHE_KEY_PREFIX": f"load-{work.name}"}
        if production:
            extra.update(
                DEBUG="0",
                SECRET_KEY="load-test-only-" + work.name * 3,
                ALLOWED_HOSTS="127.0.0.1",
                SECURE_SSL_REDIRECT="0",
                SESSION_COOKIE_SECURE="0",
                CSRF_COOKIE_SECURE="0",
                STATIC_ROOT=str(work / "static"),
            )
        env = server_env(url, work / "media", **extra)
        prepare_demo(env)
        if production:
            manage(env, "collectstatic", "--noinput")
        manage(env, "shell", "-c", _MAKE_MODERATOR)
        log = work / "gunicorn.log"
        with serve("gunicorn", env, free_port(), workers=workers, log=log) as base:
            home = Reader(base)
            page = home.request("GET", "/").content
            stories = sorted(set(re.findall(r'href="(/bai-viet/[-a-z0-9]+-\d+/)"', page.decode())))
            home.close()
            run = Run(comments, time.monotonic() + max_seconds)
            threads = [
                threading.Thread(target=reader_loop, args=(base, stories, run, c))
                for c in range(clients)
            ]
            threads += [
                threading.Thread(target=moderator_loop, args=(base, run)) for _ in range(moderators)
            ]
            for thread in threads:
                thread.start()
            if restart != "none":
                run.restart_due.wait(timeout=max_seconds)
                begun = time.monotonic()
                if restart == "private":
                    private.restart(hold=outage_seconds)
                elif outage_seconds:
                    subprocess.run(["pg_ctlcluster", "15", "main", "stop"], check=True)
                    time.sleep(outage_seconds)
                    subprocess.run(["pg_ctlcluster", "15", "main", "start"], check=True)
                else:
                    subprocess.run(["pg_ctlcluster", "15", "main", "restart"], check=True)
                run.restart = (begun, time.monotonic())
            for thread in threads[:clients]:
                thread.join()
            run.done.set()
            for thread in threads[clients:]:
                thread.join()
            moderator_loop(base, run, final=True)
        posted = len(run.acknowledged | run.gave_up)
        return report(run, check_database(url, run), posted)
    finally:
        if private is not None:
            private.stop()
        shutil.rmtree(work, ignore_errors=True)


_MAKE_MODERATOR = f"""
from django.contrib.auth.models import Group, User
user = User.objects.create_user({MODERATOR[0]!r}, password={MODERATOR[1]!r}, is_staff=True)
user.groups.add(Group.objects.get(name="Kiểm duyệt viên"))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--comments", type=int, default=2000)
    parser.add_argument("--moderators", type=int, default=2)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--restart", choices=["private", "cluster", "none"], default="private")
    parser.add_argument("--redis-url", default="", help="the cache (default: in-process)")
    parser.add_argument("--max-seconds", type=float, default=900)
    parser.add_argument(
        "--outage-seconds", type=float, default=0, help="keep PostgreSQL down this long"
    )
    args = parser.parse_args()
    result = run_load(
        clients=args.clients,
        comments=args.comments,
        restart=args.restart,
        moderators=args.moderators,
        workers=args.workers,
        max_seconds=args.max_seconds,
        redis_url=args.redis_url,
        outage_seconds=args.outage_seconds,
    )
    sys.exit(0 if healthy(result) else 1)


def healthy(result: dict) -> bool:
    """Nothing lost or stored twice, counts right, no server error but the outage's 503, and
    no double click or retry refused (every form is only ever sent with its own text)."""
    statuses = {status for answers in result["responses"].values() for status in answers}
    errors = [s for s in statuses if s.startswith("5") and s != "503"]
    errors += [s for s in result["responses"]["post"] if s.startswith("4")]
    return not (result["lost"] or result["stored_twice"] or result["count_mismatches"] or errors)


if __name__ == "__main__":
    main()
