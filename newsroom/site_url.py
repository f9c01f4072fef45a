"""The address the site is served from: SITE_URL when set, otherwise the request's own host.

Links that leave the page (mail, feeds, canonical URLs) are built here. Mail written while a
request is served (a story submitted, a comment posted) takes that request's host through
SiteAddressMiddleware; mail written outside any request (a worker, a command) needs SITE_URL.
"""

from contextvars import ContextVar
from urllib.parse import urljoin

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest

# Where `manage.py runserver` listens by default: only ever a development fallback.
DEVELOPMENT_URL = "http://127.0.0.1:8000"

_current_request: ContextVar[HttpRequest | None] = ContextVar("site_request", default=None)


def origin(request: HttpRequest | None = None) -> str:
    """`scheme://host[:port]` of the site, with no trailing slash."""
    if settings.SITE_URL:
        return settings.SITE_URL
    request = request if request is not None else _current_request.get()
    if request is not None:
        try:
            return f"{request.scheme}://{request.get_host()}"
        except DisallowedHost:
            pass
    return DEVELOPMENT_URL


def absolute(path: str, request: HttpRequest | None = None) -> str:
    """`path` (or an already absolute URL, a picture on S3 say) as an absolute URL."""
    if path.startswith(("http://", "https://", "//")):
        return urljoin(origin(request) + "/", path)
    return origin(request) + path


class SiteAddressMiddleware:
    """Let code without the request (mail, notices) know the host this request came to."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
