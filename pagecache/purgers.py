"""The caches in front that frontcache.py purges, one class per kind, chosen by URL scheme.

Each takes a list of keys (frontcache.keys_of) and raises PurgeFailed unless the cache took
them all; `response_headers` are what that cache reads on a shared page besides `xkey` and
`Surrogate-Key`. Only Varnish (deploy/varnish.vcl) is tested for real; the CDN classes follow
their providers' documented purge-by-tag APIs and cannot be reached from the test machine.
"""

import json
import urllib.request
from functools import cache as once
from http.client import HTTPConnection, HTTPSConnection
from urllib.parse import unquote, urlsplit

from django.conf import settings


def _chunks(keys: list[str], size: int = 0, length: int = 0):
    """`keys` in runs of at most `size` keys or `length` characters (space-joined)."""
    run: list[str] = []
    for key in keys:
        if run and (
            (size and len(run) >= size) or (length and len(" ".join([*run, key])) > length)
        ):
            yield run
            run = []
        run.append(key)
    if run:
        yield run


class PurgeFailed(Exception):
    pass


class Varnish:
    """Varnish running deploy/varnish.vcl: `PURGE` with `xkey-purge: <keys>`, 200 when done."""

    # Varnish takes request headers of up to 8 KB (http_req_hdr_len) by default.
    HEADER_LENGTH = 4000

    def __init__(self, url: str):
        self.url = url
        parts = urlsplit(url)
        self.secure = parts.scheme == "https"
        self.host, self.port = parts.hostname, parts.port
        self.path = parts.path or "/"

    def response_headers(self, keys: list[str], seconds: int) -> dict[str, str]:
        return {}  # the xkey header every shared page carries is what it reads

    def purge(self, keys: list[str]) -> None:
        kind = HTTPSConnection if self.secure else HTTPConnection
        for run in _chunks(keys, length=self.HEADER_LENGTH):
            connection = kind(self.host, self.port, timeout=settings.FRONT_CACHE_TIMEOUT)
            try:
                connection.request("PURGE", self.path, headers={"xkey-purge": " ".join(run)})
                response = connection.getresponse()
                response.read()
            except OSError as exc:
                raise PurgeFailed(f"{self.url}: {exc}") from exc
            finally:
                connection.close()
            if response.status != 200:
                raise PurgeFailed(f"{self.url} answered {response.status} {response.reason}")


class TagPurge:
    """A CDN's purge-by-tag API: the keys POSTed with the API token (not reachable from here).

    `url` is `<scheme>://[:TOKEN@]ID`; the token is else `FRONT_CACHE_TOKEN`.
    """

    endpoint = ""  # formatted with the ID
    batch = 30

    def __init__(self, url: str):
        self.url = url
        parts = urlsplit(url)
        self.id = parts.netloc.rpartition("@")[2]  # as written: IDs are case-sensitive
        self.token = unquote(parts.password or parts.username or "") or settings.FRONT_CACHE_TOKEN
        self.label = f"{parts.scheme}://{self.id}"  # for the log: never the token

    def response_headers(self, keys: list[str], seconds: int) -> dict[str, str]:
        raise NotImplementedError

    def request(self, keys: list[str]) -> tuple[dict[str, str], bytes]:
        raise NotImplementedError

    def purge(self, keys: list[str]) -> None:
        for run in _chunks(keys, size=self.batch):
            headers, body = self.request(run)
            request = urllib.request.Request(
                self.endpoint.format(self.id), data=body, headers=headers, method="POST"
            )
            try:
                with urllib.request.urlopen(request, timeout=settings.FRONT_CACHE_TIMEOUT) as r:
                    r.read()
            except OSError as exc:  # HTTPError (4xx, 5xx) included
                raise PurgeFailed(f"{self.label}: {exc}") from exc


class Fastly(TagPurge):
    """Fastly: reads `Surrogate-Key` and `Surrogate-Control` (and strips both before readers)."""

    endpoint = "https://api.fastly.com/service/{}/purge"
    batch = 256

    def response_headers(self, keys, seconds):
        return {"Surrogate-Control": f"max-age={seconds}"}

    def request(self, keys):
        return {"Fastly-Key": self.token, "Surrogate-Key": " ".join(keys)}, b""


class Cloudflare(TagPurge):
    """Cloudflare: reads `Cache-Tag` (comma-separated) and `Cloudflare-CDN-Cache-Control`."""

    endpoint = "https://api.cloudflare.com/client/v4/zones/{}/purge_cache"

    def response_headers(self, keys, seconds):
        return {"Cache-Tag": ",".join(keys), "Cloudflare-CDN-Cache-Control": f"max-age={seconds}"}

    def request(self, keys):
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        return headers, json.dumps({"tags": keys}).encode()


BACKENDS = {"http": Varnish, "https": Varnish, "fastly": Fastly, "cloudflare": Cloudflare}


@once
def backend(url: str):
    """The cache in front at `url` (one object per URL, so per process)."""
    scheme = urlsplit(url).scheme
    if scheme not in BACKENDS:
        raise ValueError(f"FRONT_CACHE_PURGE_URLS: unknown scheme in {url!r}")
    return BACKENDS[scheme](url)
