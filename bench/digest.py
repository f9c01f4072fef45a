"""The morning digest to 10,000 subscribers through a real SMTP sink on loopback: total time,
mails per second, and the peak memory (RSS) of the process that sends.

    .venv/bin/python bench/digest.py                      # SQLite, `manage.py send_digest`
    .venv/bin/python bench/digest.py --mode worker        # through Redis and one worker
    .venv/bin/python bench/digest.py --postgres postgres://postgres@127.0.0.1:5432/newsroom_digest_bench
    .venv/bin/python bench/digest.py --subscribers 200 --json   # small, for tests/bench

Every process is real: the sink (aiosmtpd, its own process, counting mails and addresses),
the database (a fresh SQLite file, or the PostgreSQL database given, emptied first), and the
sender: `manage.py send_digest` without a broker (the batches in that process), or one
Celery worker (`--pool=solo`) taking the batches `send_digest` queued on Redis. The peak RSS
is the sender's high-water mark (wait4's ru_maxrss, or the worker's VmHWM). Checks that
every subscriber got exactly one mail.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.harness.env import BIN, PYTHON, site_env  # noqa: E402
from tests.harness.ports import free_port  # noqa: E402

SEED = """
from django.utils import timezone
from newsletter.models import Subscriber
from tests.factories import make_article, make_section
section = make_section("Thời sự")
for n in range(8):
    make_article(f"Tin thứ {n + 1} của bản tin sáng", section=section, featured=n < 3,
                 view_count=100 - n)
now = timezone.now()
Subscriber.objects.bulk_create(
    (Subscriber(email=f"ban{i}@example.vn", confirmed_at=now, daily=True) for i in range({n})),
    batch_size=2000,
)
print(Subscriber.objects.confirmed().count())
"""


# The sink --------------------------------------------------------------------------------


class Sink:
    """Takes every mail; counts them and their addresses; writes the count as it goes."""

    def __init__(self, out: Path):
        self.out = out
        self.mails = 0
        self.addresses: dict[str, int] = {}

    async def handle_DATA(self, server, session, envelope):
        self.mails += 1
        for address in envelope.rcpt_tos:
            self.addresses[address] = self.addresses.get(address, 0) + 1
        if self.mails % 50 == 0:
            self.write()
        return "250 OK"

    def write(self) -> None:
        twice = sum(1 for count in self.addresses.values() if count > 1)
        summary = {"mails": self.mails, "addresses": len(self.addresses), "twice": twice}
        part = self.out.with_suffix(".part")
        part.write_text(json.dumps(summary))
        part.replace(self.out)


def sink(port: int, out: Path) -> None:
    """`digest.py sink PORT FILE`: the SMTP sink, until SIGTERM."""
    from aiosmtpd.controller import Controller

    handler = Sink(out)
    server = Controller(handler, hostname="127.0.0.1", port=port)
    server.start()
    handler.write()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    stop.wait()
    server.stop()
    handler.write()


def sink_count(out: Path) -> dict:
    try:
        return json.loads(out.read_text())
    except (OSError, ValueError):
        return {"mails": 0, "addresses": 0, "twice": 0}


# The run ---------------------------------------------------------------------------------


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)[:60]} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def reset_postgres(url: str) -> None:
    import psycopg2
    from psycopg2 import sql

    base, _, name = url.rpartition("/")
    admin = psycopg2.connect(f"{base}/postgres")
    admin.autocommit = True  # DROP and CREATE DATABASE run outside a transaction
    try:
        with admin.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        admin.close()


def peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"Timed out waiting for {what}")
        time.sleep(0.05)


def in_process(env: dict) -> tuple[float, int]:
    """`manage.py send_digest` with no broker: seconds, and its peak RSS in KiB."""
    started = time.monotonic()
    process = subprocess.Popen(
        [PYTHON, "manage.py", "send_digest"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"send_digest exited with {process.returncode}")
    return seconds, usage.ru_maxrss


def through_worker(env: dict, redis: str, count: int, out: Path, log: Path) -> tuple[float, int]:
    """`send_digest` queues its batches on Redis; one worker sends them: seconds from the
    command's start to the last mail, and the worker's peak RSS in KiB."""
    queue = f"digest-bench-{uuid.uuid4().hex[:8]}"
    env = {**env, "CELERY_BROKER_URL": redis, "CELERY_TASK_DEFAULT_QUEUE": queue}
    command = [str(BIN / "celery"), "-A", "newsroom", "worker", "-Q", queue, "--pool=solo"]
    command += ["--without-heartbeat", "--without-gossip", "--without-mingle", "-l", "INFO"]
    with log.open("ab") as logged:
        worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=logged, stderr=logged)
    try:
        wait_for(lambda: "ready" in log.read_text() or worker.poll() is not None, 60, "worker")
        time.sleep(0.5)  # its consumer attached to the queue
        started = time.monotonic()
        manage(env, "send_digest")
        wait_for(lambda: sink_count(out)["mails"] >= count, 1800, "every mail at the sink")
        seconds = time.monotonic() - started
        return seconds, peak_kib(worker.pid)
    finally:
        worker.terminate()
        worker.wait(30)


def run(
    subscribers: int,
    postgres: str = "",
    mode: str = "in-process",
    redis: str = "",
    batch: int = 200,
    migrated: str = "",
    **extra: str,
) -> dict:
    """The digest to `subscribers` new subscribers: on a fresh SQLite file, or `postgres`
    made anew, or the `migrated` (and empty) database at that URL (tests/bench's run)."""
    with tempfile.TemporaryDirectory(prefix="digest-bench-") as folder:
        folder = Path(folder)
        if migrated:
            database = migrated
        elif postgres:
            reset_postgres(postgres)
            database = postgres
        else:
            database = f"sqlite:///{folder / 'digest.sqlite3'}"
        port = free_port()
        out = folder / "sink.json"
        env = site_env(
            database,
            folder / "media",
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(port),
            SITE_URL="https://baolaichau.test",
            NEWSLETTER_BATCH=str(batch),
            CELERY_BROKER_URL="",
            **extra,
        )
        if not migrated:
            manage(env, "migrate", "--noinput")
        seeded = int(manage(env, "shell", "-c", SEED.replace("{n}", str(subscribers))).split()[-1])
        the_sink = subprocess.Popen([PYTHON, __file__, "sink", str(port), str(out)], cwd=ROOT)
        try:
            wait_for(out.exists, 30, "the SMTP sink")
            if mode == "worker":
                seconds, kib = through_worker(env, redis, seeded, out, folder / "worker.log")
            else:
                seconds, kib = in_process(env)
        finally:
            the_sink.terminate()
            the_sink.wait(30)
        got = sink_count(out)
    return {
        "database": "sqlite" if database.startswith("sqlite") else "postgresql",
        "mode": mode,
        "subscribers": seeded,
        "batch": batch,
        "mails": got["mails"],
        "addresses": got["addresses"],
        "twice": got["twice"],
        "seconds": round(seconds, 2),
        "mails_per_second": round(got["mails"] / seconds, 1),
        "peak_rss_mib": round(kib / 1024, 1),
    }


def main() -> None:
    if sys.argv[1:2] == ["sink"]:
        sink(int(sys.argv[2]), Path(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--postgres", default="", help="a PostgreSQL URL (dropped, made anew)")
    parser.add_argument("--mode", choices=["in-process", "worker"], default="in-process")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/13", help="the broker")
    parser.add_argument("--batch", type=int, default=200, help="NEWSLETTER_BATCH")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run(args.subscribers, args.postgres, args.mode, args.redis, args.batch)
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"{result['database']}, {result['mode']}: {result['mails']} mails to"
            f" {result['addresses']} addresses ({result['twice']} twice) in"
            f" {result['seconds']} s, {result['mails_per_second']} mails/s, peak RSS"
            f" {result['peak_rss_mib']} MiB (batches of {result['batch']})"
        )
    if result["mails"] != result["subscribers"] or result["twice"]:
        raise SystemExit("Not every subscriber got exactly one mail")


if __name__ == "__main__":
    main()
