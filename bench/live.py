"""Live coverage under a crowd: readers polling the entries endpoint as static/js/live.js does,
while an editor posts an entry every 10 s and readers' comments flow in through the comment
form; then the same readers reloading the whole page.

    .venv/bin/python bench/live.py [--readers 1000] [--seconds 60] [--interval 10]
        [--comment-every 2]

Needs PostgreSQL and Redis on loopback. Makes (once) the database `newsroom_live_bench` with one
live story, starts gunicorn with deploy/gunicorn.conf.py and production settings (DEBUG off,
Redis db 10, SECURE_SSL_REDIRECT=0, cookies' Secure flag off: no TLS on loopback) on port 8160,
and prints, for each mode: requests per second, p50/p99, bytes per response, the time from an
entry's post to its appearance in 95% and 100% of the readers' next polls, and the CPU used by
gunicorn (its processes' user+system seconds over the run) and by the whole machine.
"""

import argparse
import asyncio
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = os.environ.get("BENCH_LIVE_DATABASE", "newsroom_live_bench")
PORT = int(os.environ.get("BENCH_LIVE_PORT", "8160"))
ENV = {
    "SECRET_KEY": "bench-live-" + secrets.token_hex(24),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
    "REDIS_URL": "redis://127.0.0.1:6379/10",
    "CACHE_KEY_PREFIX": "benchlive",
    "STATIC_ROOT": "/tmp/newsroom-live-bench-static",
    "GUNICORN_BIND": f"127.0.0.1:{PORT}",
    "GUNICORN_ACCESS_LOG": "",
    "GUNICORN_LOG_LEVEL": "warning",
    # The commenters all come from 127.0.0.1 and post at once: no rate limit, no fill time.
    "COMMENT_RATE_LIMIT": "0",
    "COMMENT_MIN_FILL_SECONDS": "0",
    "COMMENT_CLOSE_AFTER_DAYS": "0",
    "COMMENT_MODERATOR_EMAILS": "",
}
os.environ.update(ENV)
sys.path.insert(0, str(ROOT))


def setup_database() -> None:
    exists = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc",
         f"SELECT 1 FROM pg_database WHERE datname='{DATABASE}'"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    if not exists:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], check=True, cwd=ROOT)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], check=True, cwd=ROOT)
    subprocess.run(["redis-cli", "-n", "10", "flushdb"], check=True, capture_output=True)


def story_and_editor():
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from articles.models import Article, LiveEntry, Section
    from newsroom.roles import EDITOR, sync_roles

    sync_roles()
    from django.contrib.auth.models import Group

    editor, _ = get_user_model().objects.get_or_create(
        username="bench-live-editor", defaults={"is_staff": True, "first_name": "Bàn tin"}
    )
    editor.groups.add(Group.objects.get(name=EDITOR))
    editor = get_user_model().objects.get(pk=editor.pk)  # permissions read afresh
    section, _ = Section.objects.get_or_create(name="Thời sự")
    story, _ = Article.objects.get_or_create(
        title="Trực tiếp: kỳ họp thứ 20 HĐND tỉnh Lai Châu",
        defaults={
            "section": section,
            "kind": Article.Kind.LIVE,
            "status": Article.Status.PUBLISHED,
            "published_at": timezone.now(),
            "lead": "Tường thuật trực tiếp phiên chất vấn và trả lời chất vấn.",
            "body": "<p>Kỳ họp diễn ra trong hai ngày.</p>",
        },
    )
    LiveEntry.objects.filter(article=story).delete()
    from articles.live import entries

    for number in range(30):  # a story well under way
        entries.post(story, by=editor, body=f"Cập nhật trước giờ đo số {number}. " * 8)
    return story, editor


def gunicorn_pids(master: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
    return [master, *map(int, out.split())]


def cpu_seconds(pids: list[int]) -> float:
    """User+system seconds of gunicorn: the master's reaped children count in its cutime."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        # Its own time, and its reaped children's (workers recycled by max_requests).
        total += sum(int(value) for value in fields[11:15]) / tick
    return total


def machine_busy() -> tuple[float, float]:
    values = list(map(int, Path("/proc/stat").read_text().split("\n")[0].split()[1:]))
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


async def get(path: str, etag: str | None):
    reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
    head = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAccept: */*\r\n"
    if etag:
        head += f"If-None-Match: {etag}\r\n"
    writer.write((head + "\r\n").encode())
    await writer.drain()
    data = await reader.read()
    writer.close()
    header, _, body = data.partition(b"\r\n\r\n")
    status = int(header.split(b" ", 2)[1])
    match = re.search(rb"(?im)^etag: (.+?)\r?$", header)
    return status, (match.group(1).decode() if match else None), body


async def one_reader(index, path, marker, stop_at, interval, seen, latencies, sizes, use_etag):
    await asyncio.sleep(random.uniform(0, interval))
    etag, body_text = None, b""
    while time.time() < stop_at:
        started = time.time()
        try:
            status, new_etag, body = await get(path, etag if use_etag else None)
        except OSError:
            latencies.append(float("inf"))
            await asyncio.sleep(interval)
            continue
        done = time.time()
        latencies.append(done - started)
        sizes.append(len(body))
        if status == 200:
            etag, body_text = new_etag, body
        for entry_id in set(re.findall(marker, body_text)):
            seen.setdefault(int(entry_id), {}).setdefault(index, done)
        await asyncio.sleep(max(0.0, interval - (time.time() - started)))


def editor_loop(story, editor, stop_at, interval, posted):
    from django.db import close_old_connections

    from articles.live import entries

    number = 0
    while time.time() + interval < stop_at:
        time.sleep(interval)
        number += 1
        entry = entries.post(
            story, by=editor, body=f"Diễn biến mới số {number}: đại biểu chất vấn."
        )
        posted[entry.pk] = time.time()
        close_old_connections()


def commenter_loop(path, stop_at, every, answers):
    """A reader commenting on the live story through its form, one comment every `every` s."""
    from tests.harness.client import Reader, received

    reader = Reader(f"http://127.0.0.1:{PORT}", timeout=30)
    number = 0
    try:
        form = reader.open_story(path)
        while time.time() + every < stop_at:
            time.sleep(every)
            number += 1
            form["token"] = reader.fresh_token(form["article"])
            status, location, seconds = reader.post_comment(
                form, name=f"Bạn đọc {number % 41}", body=f"Ý kiến số {number} về kỳ họp."
            )
            answers.append((received(status, location), seconds))
    except (OSError, RuntimeError) as error:
        answers.append((False, float("inf")))
        print(f"commenter stopped: {error}")
    finally:
        reader.close()


def run_mode(name, path, marker, readers, seconds, interval, story, editor, master, use_etag,
             comment_every=2.0):  # fmt: skip
    seen: dict[int, dict[int, float]] = {}  # entry -> reader -> when it first showed it
    latencies: list[float] = []
    sizes: list[int] = []
    posted: dict[int, float] = {}
    stop_at = time.time() + seconds
    # Readers go on one poll past the editor's last entry, so every entry is measured.
    readers_stop = stop_at + interval + 2
    editor_thread = threading.Thread(
        target=editor_loop, args=(story, editor, stop_at, interval, posted), daemon=True
    )
    comments: list[tuple[bool, float]] = []
    commenter = threading.Thread(
        target=commenter_loop,
        args=(story.get_absolute_url(), stop_at, comment_every, comments),
        daemon=True,
    )
    pids = gunicorn_pids(master)
    cpu_before, (busy_before, all_before) = cpu_seconds(pids), machine_busy()
    began = time.time()

    async def crowd():
        await asyncio.gather(
            *(
                one_reader(
                    index, path, marker, readers_stop, interval, seen, latencies, sizes, use_etag
                )
                for index in range(readers)
            )
        )

    editor_thread.start()
    commenter.start()
    asyncio.run(crowd())
    editor_thread.join()
    commenter.join()
    elapsed = time.time() - began
    cpu = cpu_seconds(gunicorn_pids(master)) - cpu_before
    busy_after, all_after = machine_busy()
    ok = sorted(value for value in latencies if value != float("inf"))
    delays = []
    for entry_id, at in posted.items():
        # Each reader's first poll showing the entry; readers who never showed it count as inf.
        firsts = sorted(t - at for t in seen.get(entry_id, {}).values())
        firsts += [float("inf")] * (readers - len(firsts))
        delays.append(firsts)
    p95 = max((d[int(0.95 * readers) - 1] for d in delays), default=float("nan"))
    p100 = max((d[-1] for d in delays), default=float("nan"))
    p50, p99 = statistics.median(ok) * 1000, ok[int(len(ok) * 0.99) - 1] * 1000
    print(
        f"{name}: {len(latencies) / elapsed:.0f} req/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms, "
        f"errors {len(latencies) - len(ok)}, {statistics.mean(sizes):.0f} B/response; "
        f"{len(posted)} entries posted, seen by 95% within {p95:.1f} s, "
        f"by 100% within {p100:.1f} s; "
        f"gunicorn CPU {cpu:.1f} s over {elapsed:.0f} s ({cpu / elapsed * 100:.0f}% of one core), "
        f"machine busy {(busy_after - busy_before) / (all_after - all_before) * 100:.0f}%"
    )  # fmt: skip
    took = sorted(seconds for ok, seconds in comments if ok)
    print(
        f"  comments meanwhile: {len(comments)} sent, {len(took)} received"
        + (f", median {statistics.median(took) * 1000:.0f} ms to post" if took else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--readers", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--interval", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--comment-every", type=float, default=2.0)
    options = parser.parse_args()
    setup_database()
    story, editor = story_and_editor()
    env = {**os.environ, "GUNICORN_WORKERS": str(options.workers)}
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "-c", str(ROOT / "deploy/gunicorn.conf.py")],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                asyncio.run(get("/", None))
                break
            except OSError:
                time.sleep(0.2)
        from django.urls import reverse

        feed = reverse("articles:live-feed", args=[story.pk])
        page = story.get_absolute_url()
        print(
            f"{options.readers} readers, every {options.interval:.0f} s, {options.seconds} s each"
        )
        run_mode(
            "endpoint", feed, rb'"id": (\d+)', options.readers, options.seconds,
            options.interval, story, editor, server.pid, use_etag=True,
            comment_every=options.comment_every,
        )  # fmt: skip
        run_mode(
            "whole page", page, rb'id="cap-nhat-(\d+)"', options.readers, options.seconds,
            options.interval, story, editor, server.pid, use_etag=False,
            comment_every=options.comment_every,
        )  # fmt: skip
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
