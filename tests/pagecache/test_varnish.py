"""A real Varnish (deploy/varnish.vcl) in front of a real gunicorn: what readers, editors and
commenters get through it, and that the app's purges by key reach it.

Debian's `varnish` and `varnish-modules` (xkey); without `varnishd` the module is skipped.
The app runs production settings on its own SQLite demo paper with one worker (with
REDIS_URL set, as in CI's second run, two workers sharing that Redis), purging Varnish
through FRONT_CACHE_PURGE_URLS (by way of a relay the test can cut, for "Varnish gone" while
it keeps its pages). Every change is made over HTTP, as the desk makes it.
"""

import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from contextlib import contextmanager, suppress
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.harness.client import Reader
from tests.harness.env import ROOT, server_env
from tests.harness.ports import ports
from tests.harness.processes import answers, manage, prepare_demo, running, wait_until

VARNISHD = shutil.which("varnishd") or (
    "/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None
)
VCL = ROOT / "deploy" / "varnish.vcl"
PASSWORD = "mat-khau-bien-tap-2026"
# One story of its own for each test, beside the demo paper's; their addresses.
MAKE_STORIES = """
import json
from articles.models import Article
from tests.factories import make_article
section = Article.objects.published().first().section
made = [make_article(f"Tin thử số {n}", section=section, allow_comments=True) for n in range(6)]
print(json.dumps([story.get_absolute_url() for story in made]))
"""

XKEY = any(Path("/usr/lib").glob("*/varnish/vmods/libvmod_xkey.so"))

pytestmark = pytest.mark.skipif(
    VARNISHD is None or not XKEY,
    reason="varnishd or its xkey module is missing (apt-get install varnish varnish-modules)",
)


def vcl_for(app_port: int, purgers: str = '"127.0.0.1";') -> str:
    """deploy/varnish.vcl with the backend on `app_port` and, if given, other purgers."""
    text = VCL.read_text().replace('.port = "8000";', f'.port = "{app_port}";')
    return re.sub(r"acl purgers \{.*?\}", f"acl purgers {{ {purgers} }}", text, flags=re.S)


class Varnish:
    """varnishd in the foreground on a loopback port, in a folder of its own."""

    def __init__(self, folder: Path, port: int, vcl: str):
        self.folder, self.port = folder, port
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "default.vcl").write_text(vcl)
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [
            VARNISHD, "-F", "-j", "none",
            "-n", str(self.folder / "work"),
            "-a", f"127.0.0.1:{self.port}",
            "-f", str(self.folder / "default.vcl"),
            "-s", "malloc,64m",
            "-T", "127.0.0.1:0",
        ]  # fmt: skip
        with (self.folder / "varnishd.log").open("ab") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        wait_until(self._answers, timeout=60, what=f"varnishd on {self.port}")

    def _answers(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError((self.folder / "varnishd.log").read_text()[-3000:])
        return answers(f"http://127.0.0.1:{self.port}/robots.txt")

    def hang(self) -> None:
        """Stop every varnishd process: connections are taken, never answered."""
        os.killpg(self.process.pid, signal.SIGSTOP)

    def let_go(self) -> None:
        os.killpg(self.process.pid, signal.SIGCONT)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGCONT)
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


class Relay:
    """The app's road to Varnish for its purges, which the test can cut (connections refused)
    while Varnish keeps its pages: a TCP relay on loopback."""

    def __init__(self, port: int, target: int):
        self.port, self.target = port, target
        self.listener: socket.socket | None = None

    def up(self) -> None:
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(16)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def down(self) -> None:
        if self.listener is not None:
            # Shut first: a close alone leaves the port listening while accept() blocks.
            with suppress(OSError):
                self.listener.shutdown(socket.SHUT_RDWR)
            self.listener.close()
            self.listener = None

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:  # shut: down
                return
            threading.Thread(target=self._relay, args=(client,), daemon=True).start()

    def _relay(self, client: socket.socket) -> None:
        with client:
            try:
                server = socket.create_connection(("127.0.0.1", self.target), timeout=30)
            except OSError:
                return
            with server:
                ends = {client: server, server: client}
                with suppress(OSError):
                    while True:
                        ready, _, _ = select.select(list(ends), [], [], 30)
                        chunks = [(end, end.recv(65536)) for end in ready]
                        if not ready or any(not data for _, data in chunks):
                            return
                        for end, data in chunks:
                            ends[end].sendall(data)


@contextmanager
def varnish(folder: Path, port: int, vcl: str):
    server = Varnish(folder, port, vcl)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The demo paper on gunicorn, Varnish in front of it: yields (varnish, app) base URLs."""
    folder = Path(tmp_path_factory.mktemp("varnish"))
    varnish_port, app_port, relay_port = ports(3)
    relay = Relay(relay_port, varnish_port)
    redis = os.environ.get("REDIS_URL", "")
    env = server_env(
        f"sqlite:///{folder / 'db.sqlite3'}",
        folder / "media",
        DEBUG="0",
        SECRET_KEY="varnish-test-key-" + uuid.uuid4().hex,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        STATIC_ROOT=str(folder / "static"),
        REDIS_URL=redis,
        CACHE_KEY_PREFIX=f"varnish-{uuid.uuid4().hex[:8]}",
        FRONT_CACHE_PURGE_URLS=f"http://127.0.0.1:{relay_port}/",
        STAFF_PASSWORD=PASSWORD,
    )
    prepare_demo(env)
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "createstaff", "bientap", "--role", "bien-tap-vien", "--password-from-env")
    manage(env, "createstaff", "kiemduyet", "--role", "kiem-duyet-vien", "--password-from-env")
    made = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", MAKE_STORIES],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    paths = json.loads(made.stdout.strip().splitlines()[-1])
    command = [
        sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
    ]  # fmt: skip
    env.update(
        GUNICORN_BIND=f"127.0.0.1:{app_port}",
        GUNICORN_WORKERS="2" if redis else "1",
        GUNICORN_ACCESS_LOG="",
    )
    app = f"http://127.0.0.1:{app_port}"
    with (
        running(command, env, folder / "gunicorn.log", grace=10),
        varnish(folder / "varnish", varnish_port, vcl_for(app_port)) as front,
    ):
        wait_until(lambda: answers(f"{app}/robots.txt"), what="gunicorn")
        relay.up()
        yield {"front": front, "varnish": f"http://127.0.0.1:{varnish_port}", "app": app,
               "folder": folder, "stories": paths, "relay": relay}  # fmt: skip


_visitors: list[Reader] = []


def visitor(base: str) -> Reader:
    """A browser of its own (cookies), closed at the end of the test."""
    reader = Reader(base)
    _visitors.append(reader)
    return reader


@pytest.fixture(autouse=True)
def _close_visitors():
    yield
    while _visitors:
        _visitors.pop().close()


def hit(headers) -> bool:
    """Whether Varnish answered from its cache: X-Varnish holds the request's and the hit's id."""
    return len(headers.get("X-Varnish", "").split()) == 2


def load(base: str, path: str, reader: Reader | None = None, **headers):
    """GET `path` as `reader`, or as a new anonymous reader: (status, headers, text)."""
    visitor = reader or Reader(base)
    try:
        page = visitor.request(
            "GET", path, headers={k.replace("_", "-"): v for k, v in headers.items()}
        )
    finally:
        if reader is None:
            visitor.close()
    return page.status, page.headers, page.text


def send(base: str, method: str, path: str, **headers) -> int:
    visitor = Reader(base)
    try:
        return visitor.request(
            method, path, headers={k.replace("_", "-"): v for k, v in headers.items()}
        ).status
    finally:
        visitor.close()


def story_pk(path: str) -> int:
    return int(re.search(r"-(\d+)/$", path).group(1))


def title_of(html: str) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()


class _Form(HTMLParser):
    """The fields of the form with this id, as a browser would send them."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id = form_id
        self.fields: list[tuple[str, str]] = []
        self.in_form = False
        self.select: str | None = None
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == self.form_id:
            self.in_form = True
        if not self.in_form or "name" not in a and tag != "option":
            return
        kind = a.get("type", "text").lower()
        if tag == "input" and kind not in ("submit", "button", "file", "image", "reset"):
            if kind not in ("checkbox", "radio") or "checked" in a:
                self.fields.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self.select = a["name"]
        elif tag == "option" and self.select and "selected" in a:
            self.fields.append((self.select, a.get("value", "")))
        elif tag == "textarea":
            self.textarea, self.text = a["name"], ""

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.fields.append((self.textarea, self.text.removeprefix("\n")))
            self.textarea = None


def form_of(html: str, form_id: str) -> list[tuple[str, str]]:
    parser = _Form(form_id)
    parser.feed(html)
    return parser.fields


def post(reader: Reader, base: str, path: str, fields) -> int:
    body = urlencode(fields).encode()
    return reader.request(
        "POST",
        path,
        body=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": base + path},
    ).status


def log_in(base: str, username: str) -> Reader:
    desk = visitor(base)
    _, _, page = load(base, "/admin/login/", desk)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    fields = {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD}
    assert post(desk, base, "/admin/login/?next=/admin/", fields) == 302
    return desk


def retitle(desk: Reader, base: str, pk: int, title: str) -> int:
    """Save the story's change form with a new title, as the editor's browser sends it."""
    path = f"/admin/articles/article/{pk}/change/"
    status, _, page = load(base, path, desk)
    assert status == 200, page[:500]
    fields = [(n, title if n == "title" else v) for n, v in form_of(page, "article_form")]
    answer = desk.request(
        "POST",
        path,
        body=urlencode([*fields, ("_continue", "1")]).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": base + path},
    )
    if answer.status != 302:  # the form's errors, for the failure's message
        print(fields, re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', answer.text, re.S))
    return answer.status


def run_action(desk: Reader, base: str, changelist: str, action: str, pk: int) -> int:
    _, _, page = load(base, changelist, desk)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    fields = {"csrfmiddlewaretoken": token, "action": action, "_selected_action": str(pk)}
    return post(desk, base, changelist, {**fields, "index": "0"})


def test_a_reader_page_is_a_hit_in_varnish_on_the_second_load(site):
    path = site["stories"][0]
    first_status, first, _ = load(site["varnish"], path)
    status, again, _ = load(site["varnish"], path)
    assert (first_status, status) == (200, 200)
    assert hit(again), again.get("X-Varnish")
    assert "Age" in again
    # Kept a day in Varnish, revalidated by browsers; named by its areas.
    assert "s-maxage=86400" in again["Cache-Control"]
    assert "no-cache" in again["Cache-Control"]
    assert f"article:{story_pk(path)}" in again["xkey"].split()
    assert again["xkey"] == again["Surrogate-Key"]
    # A reader with a cookie that is not personal (the CSRF one) shares the same copy.
    _, shared, _ = load(site["varnish"], path, Cookie="csrftoken=abc123")
    assert hit(shared) and shared["X-Varnish"].split()[1] == again["X-Varnish"].split()[1]
    # A browser revalidating gets a 304 from Varnish itself.
    status, revalidated, _ = load(site["varnish"], path, If_None_Match=again["ETag"])
    assert status == 304 and hit(revalidated)


def test_an_admin_edit_shows_on_the_very_next_load_through_varnish(site):
    base = site["varnish"]
    path = site["stories"][1]
    for _ in range(2):
        _, headers, _ = load(base, path)
        _, listing, feed = load(base, "/rss/")
    assert hit(headers) and hit(listing) and "Tin thử số 1" in feed
    desk = log_in(base, "bientap")
    title = f"Tin đã sửa {uuid.uuid4().hex[:6]}"
    assert retitle(desk, base, story_pk(path), title) == 302
    status, headers, page = load(base, path)
    assert status == 200 and title_of(page) == title
    assert title in load(base, "/rss/")[2]  # the feed lists it by its new title
    assert hit(load(base, path)[1])  # and the new page is kept again


def test_a_comment_approval_shows_at_once_and_a_commenter_is_never_served_from_varnish(site):
    base = site["varnish"]
    path = site["stories"][2]
    load(base, path)
    assert hit(load(base, path)[1])
    reader = visitor(base)
    form = reader.open_story(path)
    text = f"Cảm ơn tòa soạn {uuid.uuid4().hex[:6]}"
    status, location, _ = reader.post_comment(form, name="Lò Thị Mai", body=text)
    assert status == 302, location
    # The commenter sees their pending comment, from the app every time; nobody else does.
    for _ in range(2):
        status, headers, page = load(base, path, reader)
        assert text in page and not hit(headers)
    assert text not in load(base, path)[2]

    moderator = log_in(base, "kiemduyet")
    _, _, queue = load(base, "/admin/comments/comment/", moderator)
    row = next(row for row in queue.split("<tr") if text in row)
    pk = int(re.search(r'name="_selected_action" value="(\d+)"', row).group(1))
    assert run_action(moderator, base, "/admin/comments/comment/", "approve_comments", pk) == 302
    assert text in load(base, path)[2]


def test_an_unpublished_story_is_gone_on_the_very_next_load_through_varnish(site):
    base = site["varnish"]
    path = site["stories"][3]
    for _ in range(2):
        _, headers, _ = load(base, path)
        _, listing, home = load(base, "/")
    assert hit(headers) and hit(listing) and path in home
    desk = log_in(base, "bientap")
    changelist = "/admin/articles/article/"
    assert run_action(desk, base, changelist, "unpublish_articles", story_pk(path)) == 302
    assert load(base, path)[0] == 404
    assert path not in load(base, "/")[2]


def test_a_logged_in_editor_is_never_served_from_varnish_nor_stored_there(site):
    base = site["varnish"]
    path = site["stories"][5]
    desk = log_in(base, "bientap")
    for _ in range(2):
        status, headers, page = load(base, path, desk)
        assert status == 200 and not hit(headers)
        assert "Surrogate-Key" not in headers and "xkey" not in headers
    _, headers, page = load(base, path)
    assert "/admin/" not in page  # the desk's own links never reached a reader


def test_a_purge_from_an_address_not_allowed_is_refused(site):
    base = site["varnish"]
    path = site["stories"][0]
    load(base, path)
    # Relayed by a proxy in front (nginx adds its client): refused although from loopback.
    assert send(base, "PURGE", "/", xkey_purge="all", X_Forwarded_For="203.0.113.9") == 403
    assert hit(load(base, path)[1])
    # A Varnish whose ACL leaves out loopback refuses this machine's purges.
    port = ports(1)[0]
    app_port = int(site["app"].rsplit(":", 1)[1])
    with varnish(site["folder"] / "closed", port, vcl_for(app_port, '"192.0.2.1";')):
        other = f"http://127.0.0.1:{port}"
        load(other, path)
        assert hit(load(other, path)[1])
        assert send(other, "PURGE", "/", xkey_purge="all") == 403
        assert hit(load(other, path)[1])
    assert send(base, "PURGE", "/", xkey_purge="all") == 200


def test_varnish_down_never_fails_a_save_and_the_purge_is_retried_when_it_is_back(site):
    base, app = site["varnish"], site["app"]
    path = site["stories"][4]
    load(base, path)
    assert hit(load(base, path)[1])
    desk = log_in(app, "bientap")  # Varnish is about to stop answering: straight to the app

    # Hung (connections taken, never answered): the save does not wait for it.
    site["front"].hang()
    try:
        title = f"Sửa khi Varnish treo {uuid.uuid4().hex[:6]}"
        started = time.monotonic()
        assert retitle(desk, app, story_pk(path), title) == 302
        assert time.monotonic() - started < 5
        assert title_of(load(app, path)[2]) == title
    finally:
        site["front"].let_go()
    wait_until(lambda: title_of(load(base, path)[2]) == title, timeout=30, what="the purge")

    # Gone (connections refused) past the second purge too: only the retry can reach it,
    # once it is back, and its copy of the old page is then dropped.
    assert hit(load(base, path)[1])
    site["relay"].down()
    try:
        title = f"Sửa khi Varnish tắt {uuid.uuid4().hex[:6]}"
        assert retitle(desk, app, story_pk(path), title) == 302
        assert title_of(load(app, path)[2]) == title
        time.sleep(12)  # AGAIN_SECONDS: the second purge finds it gone as well
        assert title_of(load(base, path)[2]) != title
    finally:
        site["relay"].up()
    wait_until(
        lambda: title_of(load(base, path)[2]) == title,
        timeout=45,
        what="the retried purge to reach Varnish",
    )
    log = (site["folder"] / "gunicorn.log").read_text()
    assert "Could not purge" in log and "Connection refused" in log
