"""Other processes for the multi-process tests: app servers, Celery workers, manage.py.

Each runs for the duration of a `with` block and is stopped at its end (SIGTERM, then killed
after a grace period), so a failing test leaves no server behind. Waiting is always for an
event (`wait_until` a condition), never a fixed pause.
"""

import subprocess
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

from tests.harness.env import BIN, PYTHON, ROOT, process_env
from tests.harness.ports import ports


def wait_until(condition, *, timeout: float = 60, what: str = "the condition") -> None:
    """Poll `condition` until it is true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out waiting for {what}")
        time.sleep(0.2)


def answers(url: str) -> bool:
    """Whether `url` answers 200 now."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def manage(env: dict[str, str], *args: str, timeout: float = 300) -> None:
    """`manage.py` with these arguments, in a process of its own with `env`."""
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=timeout,
    )


def prepare_demo(env: dict[str, str]) -> None:
    """Migrate the server's database and load the demo paper into it."""
    manage(env, "migrate", "--noinput")
    manage(env, "loaddemo")


@contextmanager
def running(command: list[str], env: dict[str, str], log: Path | None, *, grace: float = 20):
    """Run `command` for the duration of the block; its output goes to `log` (or nowhere)."""
    out = log.open("ab") if log else subprocess.DEVNULL
    try:
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
    finally:
        if log:
            out.close()


def _until_up(process: subprocess.Popen, url: str, timeout: float) -> None:
    def up() -> bool:
        if process.poll() is not None:
            raise RuntimeError(f"The server exited with {process.returncode}")
        return answers(url)

    wait_until(up, timeout=timeout, what=f"a server answering {url}")


@contextmanager
def serve(
    kind: str,
    env: dict[str, str],
    port: int,
    *,
    workers: int = 2,
    log: Path | None = None,
    app: str = "newsroom.wsgi",
):
    """`make run`'s runserver, or plain gunicorn with `workers`, on the port; yield its URL.

    Started when /robots.txt answers.
    """
    if kind == "runserver":
        command = [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    elif kind == "gunicorn":
        command = [PYTHON, "-m", "gunicorn", "--workers", str(workers)]
        command += ["--bind", f"127.0.0.1:{port}", "--timeout", "60", app]
    else:
        raise ValueError(kind)
    url = f"http://127.0.0.1:{port}"
    with running(command, env, log) as process:
        _until_up(process, f"{url}/robots.txt", timeout=90)
        yield url


@contextmanager
def gunicorn(env: dict[str, str], port: int, log: Path, *, workers: int = 2, wait: bool = False):
    """One app server as deployed (deploy/gunicorn.conf.py) on loopback; yields the process.

    With `wait`, the block starts once /healthz answers.
    """
    command = [str(BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")]
    env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_ACCESS_LOG": "",
    }
    with running(command, env, log, grace=10) as process:
        if wait:
            _until_up(process, f"http://127.0.0.1:{port}/healthz", timeout=90)
        yield process


def collectstatic(env: dict[str, str]) -> None:
    """The static files of the servers that will run with `env` (its STATIC_ROOT)."""
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )


@contextmanager
def app_servers(count: int, folder: Path, *, workers: int = 2, **extra: str):
    """`count` app servers as deployed, on the test's database and Redis; yields their URLs.

    Their static files are collected into `folder`, their media too unless `extra` says
    otherwise; each logs to `folder`/gunicorn-N.log.
    """
    env = process_env(
        **{"STATIC_ROOT": str(folder / "static"), "MEDIA_ROOT": str(folder / "media"), **extra}
    )
    collectstatic(env)
    urls = []
    with ExitStack() as stack:
        for n, port in enumerate(ports(count)):
            log = folder / f"gunicorn-{n}.log"
            stack.enter_context(gunicorn(env, port, log, workers=workers))
            urls.append(f"http://127.0.0.1:{port}")
        for url in urls:
            wait_until(lambda u=url: answers(f"{u}/healthz"), timeout=90, what=f"gunicorn on {url}")
        yield urls


def celery_worker(env: dict[str, str], queue: str, log: Path):
    """A Celery worker taking `queue`'s tasks, one at a time."""
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
    """Drop the app's broker connections and its routing (cached with the default queue).

    The pools are kombu's, shared by every app of the process and kept by broker address:
    closing one without forgetting it left a closed pool for the next test that sends to the
    same broker ("Acquire on closed pool", its task never queued). `pools.reset` closes and
    forgets them all.
    """
    from kombu import pools

    pools.reset()
    app._pool = None
    app.__dict__.pop("amqp", None)
