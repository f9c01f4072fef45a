"""A scripted browser for servers in other processes: cookies, CSRF tokens, forms."""

import http.cookiejar
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field


@dataclass
class Page:
    status: int
    url: str
    text: str
    headers: dict = field(default_factory=dict)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One visitor: a cookie jar shared by every server it talks to (cookies ignore ports)."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect()
        )

    def _open(self, request) -> Page:
        try:
            with self.opener.open(request, timeout=30) as response:
                text = response.read().decode()
                return Page(response.status, response.url, text, dict(response.headers))
        except urllib.error.HTTPError as error:
            return Page(error.code, error.headers.get("Location", ""), error.read().decode())

    def get(self, url: str) -> Page:
        return self._open(urllib.request.Request(url))

    def post(self, url: str, data: dict) -> Page:
        body = urllib.parse.urlencode(data).encode()
        return self._open(urllib.request.Request(url, data=body, method="POST"))

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
