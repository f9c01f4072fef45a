"""The one HTTP client for servers in other processes: a visitor with cookies, CSRF and forms.

A `Browser` keeps one kept-alive connection per server and one set of cookies for all of
them (cookies ignore ports, and every server is on 127.0.0.1), and follows no redirect: a
test sees the 301 or 302 itself. `Reader` is a browser that reads stories and posts comments
exactly as the story page's script does (bench/comment_load.py drives crowds of them).
"""

import json
import re
import time
from dataclasses import dataclass, field
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

DEMO_SLUG = "lam-theo-bac-o-dang-bo-so-noi-vu"


@dataclass
class Page:
    """One answer: its status, the URL it sends to (Location) or came from, body, headers."""

    status: int
    url: str
    content: bytes
    headers: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.content.decode()


class Browser:
    """One visitor. `get`, `post` and `request` take a full URL, or a path on `base_url`."""

    def __init__(self, base_url: str = "", *, timeout: float = 30):
        self.base_url, self.timeout = base_url.rstrip("/"), timeout
        self.cookies: dict[str, str] = {}
        self._connections: dict[str, HTTPConnection] = {}

    def request(self, method: str, url: str, body: bytes | None = None, headers=None) -> Page:
        """Send one request and read the whole answer; reconnects once on a dropped line."""
        url = url if "://" in url else self.base_url + url
        parts = urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            connection = self._connections.get(parts.netloc)
            if connection is None:
                connection = HTTPConnection(parts.netloc, timeout=self.timeout)
                self._connections[parts.netloc] = connection
            try:
                connection.request(method, target or "/", body=body, headers=headers)
                response = connection.getresponse()
                content = response.read()
                break
            except (ConnectionError, OSError):
                connection.close()
                del self._connections[parts.netloc]
                if attempt == 2:
                    raise
        self._keep_cookies(response.headers.get_all("Set-Cookie") or [])
        moved = 300 <= response.status < 400
        where = response.headers.get("Location", "") if moved else url
        return Page(response.status, where, content, dict(response.headers))

    def _keep_cookies(self, headers: list[str]) -> None:
        for header in headers:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or "1970" in morsel["expires"]:
                    self.cookies.pop(name, None)  # what Django's delete_cookie sends
                else:
                    self.cookies[name] = morsel.value

    def get(self, url: str) -> Page:
        return self.request("GET", url)

    def post(self, url: str, data: dict, **headers: str) -> Page:
        headers = {"Content-Type": "application/x-www-form-urlencoded", **headers}
        return self.request("POST", url, urlencode(data).encode(), headers)

    def json(self, url: str) -> dict:
        page = self.get(url)
        assert page.status == 200, page
        return json.loads(page.text)

    def csrf_from(self, url: str) -> str:
        page = self.get(url)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert match, f"no CSRF token on {url}"
        return match.group(1)

    def log_in(self, server: str, username: str, password: str) -> None:
        token = self.csrf_from(f"{server}/admin/login/")
        page = self.post(
            f"{server}/admin/login/?next=/admin/",
            {"csrfmiddlewaretoken": token, "username": username, "password": password},
        )
        assert page.status == 302, page.text[:2000]

    def close(self) -> None:
        """Hang up every kept connection (also done when the browser is dropped)."""
        for connection in self._connections.values():
            connection.close()
        self._connections.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()


class Reader(Browser):
    """A reader on one server: finds a story, loads its comment form, posts comments."""

    _FIELD = r'name="{}" value="([^"]*)"'

    def find_story(self, slug: str = DEMO_SLUG) -> str:
        """The path of the story with this slug, as the home page links it."""
        page = self.get("/")
        match = re.search(rf'href="(/bai-viet/{slug}-\d+/)"', page.text)
        if page.status != 200 or match is None:
            raise RuntimeError(f"The home page ({page.status}) links no story {slug}")
        return match.group(1)

    def open_story(self, path: str) -> dict[str, str]:
        """Load a story page and its reader's own form fields (article, token, csrf), as the
        comment script does on a page that may have come from the shared cache."""
        page = self.get(path)
        if page.status != 200:
            raise RuntimeError(f"GET {path} answered {page.status}")
        article = re.search(self._FIELD.format("article"), page.text).group(1)
        return {"article": article, **self.form_fields(article)}

    def form_fields(self, article: str) -> dict[str, str]:
        """What the comment script fetches when the reader starts writing."""
        page = self.get(f"/binh-luan/phieu/{article}/")
        if page.status != 200:
            raise RuntimeError(f"form-fields endpoint answered {page.status}")
        return json.loads(page.text)["fields"]

    def fresh_token(self, article: str) -> str:
        return self.form_fields(article)["token"]

    def post_comment(self, form: dict[str, str], *, name: str, body: str):
        """Send the form; return (status, Location header, seconds taken)."""
        fields = {**form, "name": name, "email": "doc.gia@example.com", "body": body}
        fields.update(parent="", website="")
        started = time.monotonic()
        page = self.post("/binh-luan/gui/", fields, Referer=f"{self.base_url}/")
        location = page.url if 300 <= page.status < 400 else ""
        return page.status, location, time.monotonic() - started


def received(status: int, location: str) -> bool:
    """Whether the server told the reader their comment was received (post, redirect, get)."""
    return status == 302 and location.endswith("#binh-luan")
