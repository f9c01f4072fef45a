"""What makes a reader page shared, and what Django tells the front about one it shared.

Both the page cache's middleware (inside Django) and its front (the WSGI wrapper before
Django, front.py) decide on these, so they live here, apart from either.
"""

from dataclasses import dataclass
from functools import cache as once

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage

from . import registry

# The request's WSGI environ carries a `Shared` under this key once the middleware shared it.
ENVIRON_KEY = "pagecache.shared"


@once
def personal_cookies() -> frozenset[str]:
    """Cookies that make a page one visitor's own: a session (staff), messages, and those the
    apps registered (a commenter's, comments/pages.py)."""
    return frozenset(
        {settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name, *registry.personal_cookies()}
    )


@dataclass(frozen=True)
class Shared:
    """What `PageCacheMiddleware` tells the front about the shared page it just answered."""

    areas: frozenset[str]
    valid_until: float  # Unix time: the shared copy expires, or a scheduled story goes live
    story: int | None  # the object a hit counts a view of (registry.viewed: a story's pk)
