"""The page a reader was served for a story, rendered as the page cache would keep it.

The story's address is resolved and its view called with an anonymous reader's request
marked shared (`request.shared_page`, as pagecache.middleware marks it): the page then holds
nothing personal (no CSRF token, no remembered name; the comment form is the one every
reader gets) and no view is counted. The header clock, the one part that changes by the
second, is taken out, so the same story gives the same bytes. Its parts are computed from
the database (pagecache.fragments.afresh): the page as committed, and no cache warmed. A
story that is not public answers as it would a reader (404, or the 410 of a story taken
down).

Pictures are the page's own `src` and `srcset` addresses under MEDIA_URL, read from the
storage and kept by sha256 (once each), so the record shows them whatever becomes of them.
Only pictures: a player's `<source src>` names a video or a sound of hundreds of megabytes,
which stays in the media storage as its original (multimedia.MediaFile), never in a row.
"""

import hashlib
import logging
import mimetypes
import re
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest
from django.urls import resolve
from django.utils import translation

from newsroom import site_url
from newsroom.media import PICTURE_TYPES
from pagecache import fragments

from .models import ArchivedPicture

logger = logging.getLogger(__name__)

CLOCK = re.compile(r'<time class="clock"[^>]*>.*?</time>', re.S)
# Where a page names a picture: <img>/<source>, and the link preview's og:image (absolute).
PICTURE_ATTRIBUTES = re.compile(r'\s(?:src|srcset|content)="([^"]+)"')


def reader_request(path: str) -> HttpRequest:
    """A GET of `path` by an anonymous reader on the site's own address."""
    address = urlsplit(site_url.origin())
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = path
    request.META = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "HTTP_HOST": address.netloc,
        "SERVER_NAME": address.hostname or "localhost",
        "SERVER_PORT": str(address.port or (443 if address.scheme == "https" else 80)),
        "wsgi.url_scheme": address.scheme or "http",
    }
    request.user = AnonymousUser()
    request.shared_page = True  # what every reader gets: nothing personal
    request.view_counted = True  # the archive is no reader
    return request


def served_page(path: str) -> tuple[int, str]:
    """The status and the HTML a reader is served at `path` now, clock taken out."""
    request = reader_request(path)
    match = resolve(path)
    with translation.override(settings.LANGUAGE_CODE), fragments.afresh():
        try:
            response = match.func(request, *match.args, **match.kwargs)
        except Http404:
            return 404, ""
        if hasattr(response, "render"):
            response.render()
    html = response.content.decode(response.charset or "utf-8")
    return response.status_code, CLOCK.sub("", html)


def picture_urls(html: str) -> list[str]:
    """The page's picture addresses under MEDIA_URL (as the page writes them, absolute or
    not), each once, in page order."""
    urls = []
    for value in PICTURE_ATTRIBUTES.findall(html):
        for candidate in value.split(","):
            url = candidate.strip().split(" ")[0]
            name = media_name(url)
            if name is not None and is_picture(name) and url not in urls:
                urls.append(url)
    return urls


def is_picture(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() in PICTURE_TYPES


def media_name(url: str) -> str | None:
    """The storage name of a picture address under MEDIA_URL, or None."""
    if url.startswith(("http://", "https://")) and not settings.MEDIA_URL.startswith("http"):
        if urlsplit(url).netloc != urlsplit(site_url.origin()).netloc:
            return None  # another site's picture: not ours to keep
        url = urlsplit(url).path
    if not url.startswith(settings.MEDIA_URL):
        return None
    return unquote(url[len(settings.MEDIA_URL) :])


def keep_pictures(html: str) -> dict[str, str]:
    """Keep each picture of the page by its sha256; {address: sha256}. A missing file is
    logged and left out (the page then shows it missing, as readers saw it)."""
    kept = {}
    for url in picture_urls(html):
        name = media_name(url)
        try:
            with default_storage.open(name) as file:
                data = file.read()
        except Exception:
            logger.warning("Archive: picture %s could not be read", url, exc_info=True)
            continue
        sha = hashlib.sha256(data).hexdigest()
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if not ArchivedPicture.objects.filter(pk=sha).exists():
            ArchivedPicture.objects.get_or_create(
                sha256=sha, defaults={"data": data, "content_type": content_type, "first_url": url}
            )
        kept[url] = sha
    return kept
