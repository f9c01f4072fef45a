"""The embedded default (SQLite, no Redis) with several processes: every one sees every purge.

Real servers in other processes, as `make run` and `gunicorn newsroom.wsgi -w 2` run them,
on a SQLite file with the demo paper; no Redis anywhere. Each check reads a page from both
workers of the gunicorn (see `from_both`), so "the next request" means whichever worker
answers it. The changes come from the admin (another request, in one of the workers) and
from `manage.py shell` (another process, outside any server).
"""

import re
import shutil
import socket
import sqlite3
import time
from html.parser import HTMLParser
from http.client import HTTPResponse

import pytest

from tests.harness.client import Browser
from tests.harness.env import server_env
from tests.harness.ports import free_port
from tests.harness.processes import manage, prepare_demo, serve

PASSWORD = "mat-khau-bien-tap-2026"
ROUNDS = 10


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A migrated SQLite file with the demo paper, its static files and a superuser."""
    folder = tmp_path_factory.mktemp("workers-demo")
    env = production_env(folder, folder / "demo.sqlite3")
    prepare_demo(env)
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; get_user_model().objects"
        f".create_superuser('tongbientap', 'tbt@example.vn', '{PASSWORD}')",
    )
    return folder


def production_env(folder, database, **extra):
    return server_env(
        f"sqlite:///{database}",
        folder / "media",
        DEBUG="0",
        SECRET_KEY="workers-test-key",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        STATIC_ROOT=str(folder / "static"),
        **extra,
    )


@pytest.fixture(scope="module", params=["gunicorn", "runserver"])
def site(request, demo, tmp_path_factory):
    """The demo paper served by two gunicorn workers, or by `make run`'s runserver."""
    folder = tmp_path_factory.mktemp(request.param)
    database = folder / "db.sqlite3"
    shutil.copyfile(demo / "demo.sqlite3", database)
    shutil.copytree(demo / "media", folder / "media")
    env = production_env(demo, database, MEDIA_ROOT=str(folder / "media"))
    if request.param == "runserver":
        env["DEBUG"] = "1"  # as `make run`
    with serve(request.param, env, free_port(), workers=2, log=folder / "server.log") as base:
        yield Site(request.param, base, env, database)


class Site:
    def __init__(self, kind, base, env, database):
        self.kind, self.base, self.env, self.database = kind, base, env, database
        self.port = int(base.rsplit(":", 1)[1])
        self.shown: set[str] = set()  # the paths some test of this site has read already
        self.stories = self.query(
            "SELECT id, slug FROM articles_article WHERE status = 'published' ORDER BY id"
        )

    def query(self, sql: str, *params) -> list[tuple]:
        with sqlite3.connect(self.database) as db:
            rows = db.execute(sql, params).fetchall()
        db.close()
        return rows

    def story(self, n: int) -> tuple[int, str, str]:
        """The n-th published demo story (as the site started): its id, title now and path."""
        pk, slug = self.stories[n]
        [(title,)] = self.query("SELECT title FROM articles_article WHERE id = ?", pk)
        return pk, title, f"/bai-viet/{slug}-{pk}/"

    def shell(self, code: str) -> None:
        """Run `code` in `manage.py shell`: a process of its own, as an operator's script."""
        manage(self.env, "shell", "-c", code)

    def desk(self) -> Browser:
        desk = Browser()
        desk.log_in(self.base, "tongbientap", PASSWORD)
        return desk


def get(port: int, path: str, *, sock: socket.socket | None = None) -> tuple[int, str, str]:
    """GET `path` (on `sock` where the request line was sent already); status, cache, body."""
    if sock is None:
        sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode())
    sock.sendall(b"Connection: close\r\n\r\n")
    response = HTTPResponse(sock)
    try:
        response.begin()
        body = response.read().decode()
        return response.status, response.getheader("X-Page-Cache", ""), body
    finally:
        response.close()
        sock.close()


def from_both(port: int, path: str) -> list[tuple[int, str, str]]:
    """The page as each of two workers answers it.

    A sync worker reading a request handles nothing else: the first request is left
    unfinished, so the second goes to the other worker; then the first is finished.
    """
    held = socket.create_connection(("127.0.0.1", port), timeout=30)
    held.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode())
    other = get(port, path)
    return [get(port, path, sock=held), other]


def warm(site: Site, path: str, shown: str) -> None:
    """Both workers keep the page in memory (the first round makes it in each, when no test
    of this site has read it before: the tests run in any order)."""
    first = from_both(site.port, path)
    assert [(status, shown in body) for status, _, body in first] == [(200, True)] * 2
    if path not in site.shown and site.kind == "gunicorn":
        # Two processes, each with its own copy: neither found the other's.
        assert [cache for _, cache, _ in first] == ["miss", "miss"]
    site.shown.add(path)
    again = from_both(site.port, path)
    assert [(status, cache) for status, cache, _ in again] == [(200, "hit")] * 2


def next_rounds(site: Site, path: str) -> list[tuple[int, str, str]]:
    return [answer for _ in range(ROUNDS) for answer in from_both(site.port, path)]


class FormValues(HTMLParser):
    """The values a browser would send with the admin's change form, as it stands."""

    def __init__(self):
        super().__init__()
        self.values: list[tuple[str, str]] = []
        self.textarea: str | None = None
        self.select: str | None = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.values.append((name, attrs.get("value") or ("on" if "checked" in attrs else "")))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.values.append((self.select, attrs.get("value", "")))

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea:
            self.values.append((self.textarea, self.text.removeprefix("\n")))
            self.textarea = None
        elif tag == "select":
            self.select = None


def edit_in_admin(site: Site, pk: int, title: str) -> None:
    desk = site.desk()
    url = f"{site.base}/admin/articles/article/{pk}/change/"
    page = desk.get(url)
    form = re.search(r'<form[^>]*id="article_form".*?</form>', page.text, re.S)
    assert form, page.text[:2000]
    parser = FormValues()
    parser.feed(form.group(0))
    values = dict(parser.values)
    values["title"] = title
    saved = desk.post(url, {**values, "_save": "Lưu"})
    assert saved.status == 302, saved.text[:3000]


def test_an_edit_in_the_admin_shows_on_the_next_requests_of_every_worker(site):
    pk, title, path = site.story(0)
    warm(site, path, title)
    edit_in_admin(site, pk, "Tiêu đề sửa trong bàn biên tập")
    answers = next_rounds(site, path)
    assert [(s, "Tiêu đề sửa trong bàn biên tập" in body) for s, _, body in answers] == [
        (200, True)
    ] * (2 * ROUNDS)


def test_an_approved_comment_shows_on_the_next_requests_of_every_worker(site):
    pk, title, path = site.story(1)
    site.shell(
        "from comments.models import Comment;"
        f" Comment.objects.create(article_id={pk}, name='Lò Thị Mai', email='mai@example.vn',"
        " body='Cảm ơn tòa soạn đã đưa tin', status='pending')"
    )
    warm(site, path, title)
    assert "Cảm ơn tòa soạn đã đưa tin" not in from_both(site.port, path)[0][2]
    [(comment,)] = site.query(
        "SELECT id FROM comments_comment WHERE body = 'Cảm ơn tòa soạn đã đưa tin'"
    )
    desk = site.desk()
    changelist = f"{site.base}/admin/comments/comment/"
    approved = desk.post(
        changelist,
        {
            "csrfmiddlewaretoken": desk.csrf_from(changelist),
            "action": "approve_comments",
            "_selected_action": str(comment),
            "index": "0",
        },
    )
    assert approved.status == 302, approved.text[:2000]
    answers = next_rounds(site, path)
    assert [(s, "Cảm ơn tòa soạn đã đưa tin" in body) for s, _, body in answers] == [
        (200, True)
    ] * (2 * ROUNDS)


def test_an_unpublished_story_is_gone_on_the_next_requests_of_every_worker(site):
    pk, title, path = site.story(2)
    warm(site, path, title)
    desk = site.desk()
    changelist = f"{site.base}/admin/articles/article/"
    unpublished = desk.post(
        changelist,
        {
            "csrfmiddlewaretoken": desk.csrf_from(changelist),
            "action": "unpublish_articles",
            "_selected_action": str(pk),
            "index": "0",
        },
    )
    assert unpublished.status == 302, unpublished.text[:2000]
    answers = next_rounds(site, path)
    assert [status for status, _, _ in answers] == [404] * (2 * ROUNDS)


def test_an_edit_from_another_process_shows_within_a_second(site):
    pk, title, path = site.story(0)  # the demo's first story, edited again
    warm(site, path, title)
    site.shell(
        f"from articles.models import Article; story = Article.objects.get(pk={pk});"
        " story.title = 'Tiêu đề sửa từ dòng lệnh'; story.save()"
    )
    done = time.monotonic()
    while not all("Tiêu đề sửa từ dòng lệnh" in body for _, _, body in from_both(site.port, path)):
        assert time.monotonic() - done < 1.0, "the edit is not shown a second after it was saved"
    answers = next_rounds(site, path)
    assert all("Tiêu đề sửa từ dòng lệnh" in body for _, _, body in answers)
