"""Real servers for crowd and fault tests: runserver or gunicorn in a subprocess, and readers.

Used by the tests that need real concurrent HTTP (never the test client) and by
`bench/comment_load.py`. Servers listen on loopback, on a port from LIVE_PORTS
(default 8200-8249).
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEMO_SLUG = "lam-theo-bac-o-dang-bo-so-noi-vu"


def free_port() -> int:
    """The first port of LIVE_PORTS nobody listens on."""
    first, last = (int(p) for p in os.environ.get("LIVE_PORTS", "8200-8249").split("-"))
    for port in range(first, last + 1):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"No free port in {first}-{last}")


def server_env(database_url: str, media_root: Path, **extra: str) -> dict[str, str]:
    """The environment of a development server on `database_url` that takes a crowd."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST_", "DJANGO_ALLOW_ASYNC"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DEBUG="1",
        DATABASE_URL=database_url,
        REDIS_URL="",
        MEDIA_ROOT=str(media_root),
        COMMENT_RATE_LIMIT="0",
        COMMENT_MIN_FILL_SECONDS="0",
        COMMENT_CLOSE_AFTER_DAYS="0",
        COMMENT_MODERATOR_EMAILS="",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=300,
    )


def prepare_demo(env: dict[str, str]) -> None:
    """Migrate the server's database and load the demo paper into it."""
    manage(env, "migrate", "--noinput")
    manage(env, "loaddemo")


@contextmanager
def serve(kind: str, env: dict[str, str], port: int, *, workers: int = 2, log: Path | None = None):
    """Run `make run`'s runserver or gunicorn with `workers` on the port; yield its base URL."""
    if kind == "runserver":
        command = [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    elif kind == "gunicorn":
        command = [
            PYTHON,
            "-m",
            "gunicorn",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
            "newsroom.wsgi",
        ]
    else:
        raise ValueError(kind)
    output = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)
    try:
        wait_until_up(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log:
            output.close()


def wait_until_up(port: int, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The server exited with {process.returncode}")
        connection = HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", "/robots.txt")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.2)
    raise RuntimeError(f"The server on port {port} did not answer in {timeout} s")


class Reader:
    """One browser: its own connection and cookies, posting comments as the page's form does."""

    _FIELD = r'name="{}" value="([^"]*)"'

    def __init__(self, base_url: str, *, timeout: float = 60):
        host, port = base_url.removeprefix("http://").split(":")
        self.host, self.port, self.timeout = host, int(port), timeout
        self.cookies: dict[str, str] = {}
        self.connection: HTTPConnection | None = None

    def request(self, method: str, path: str, body: bytes | None = None, headers=None):
        """Send one request; return (status, headers, body). Reconnects once on a dropped line."""
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
                break
            except (ConnectionError, OSError):
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, content

    def find_story(self, slug: str = DEMO_SLUG) -> str:
        """The path of the story with this slug, as the home page links it."""
        status, _, content = self.request("GET", "/")
        match = re.search(rf'href="(/bai-viet/{slug}-\d+/)"', content.decode())
        if status != 200 or match is None:
            raise RuntimeError(f"The home page ({status}) links no story {slug}")
        return match.group(1)

    def open_story(self, path: str) -> dict[str, str]:
        """Load a story page and its reader's own form fields (article, token, csrf), as the
        comment script does on a page that may have come from the shared cache."""
        status, _, content = self.request("GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        article = re.search(self._FIELD.format("article"), content.decode()).group(1)
        return {"article": article, **self.form_fields(article)}

    def form_fields(self, article: str) -> dict[str, str]:
        """What the comment script fetches when the reader starts writing."""
        status, _, content = self.request("GET", f"/binh-luan/phieu/{article}/")
        if status != 200:
            raise RuntimeError(f"form-fields endpoint answered {status}")
        return json.loads(content)["fields"]

    def fresh_token(self, article: str) -> str:
        return self.form_fields(article)["token"]

    def post_comment(self, form: dict[str, str], *, name: str, body: str):
        """Send the form; return (status, Location header, seconds taken)."""
        fields = {**form, "name": name, "email": "doc.gia@example.com", "body": body}
        fields.update(parent="", website="")
        started = time.monotonic()
        status, headers, _ = self.request(
            "POST",
            "/binh-luan/gui/",
            body=urlencode(fields).encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://{self.host}:{self.port}/",
            },
        )
        return status, headers.get("Location", ""), time.monotonic() - started

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()


def received(status: int, location: str) -> bool:
    """Whether the server told the reader their comment was received (post, redirect, get)."""
    return status == 302 and location.endswith("#binh-luan")


PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


class PrivatePostgres:
    """A PostgreSQL server of our own (initdb, pg_ctl) on a loopback port, in a temporary folder.

    It can be restarted without touching the machine's shared server. As root, it runs as the
    `postgres` user, since PostgreSQL refuses to run as root.
    """

    def __init__(self, folder: Path, port: int):
        self.folder, self.port = Path(folder), port
        self.data = self.folder / "data"
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @staticmethod
    def available() -> bool:
        return (PG_BIN / "initdb").exists()

    def _run(self, *command: str) -> None:
        subprocess.run(
            [*self.as_user, *command],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=120,
        )

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.as_user:
            shutil.chown(self.folder, "postgres", "postgres")
        if not self.data.exists():
            self._run(
                str(PG_BIN / "initdb"), "-D", str(self.data), "--auth=trust", "-U", "postgres"
            )
        self._pg_ctl("start")

    def _pg_ctl(self, action: str, *extra: str) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} -c fsync=off"
        self._run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "log"),
            "-o", options, "-w", "-t", "60", action, *extra,
        )  # fmt: skip

    def restart(self, hold: float = 0) -> None:
        """What `pg_ctlcluster 15 main restart` does: drop every connection, come back.

        With `hold`, the server stays down that many seconds before it starts again.
        """
        if not hold:
            self._pg_ctl("restart", "-m", "fast")
            return
        self._pg_ctl("stop", "-m", "fast")
        time.sleep(hold)
        self._pg_ctl("start")

    def stop(self) -> None:
        self._pg_ctl("stop", "-m", "immediate")

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> None:
        server = ["-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"]
        self._run(str(PG_BIN / "createdb"), *server, name)
