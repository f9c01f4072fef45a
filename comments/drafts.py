"""A comment sent too fast, kept for the page the reader is sent back to (post, redirect, get).

The reader is answered with a 303 to the form, so a reload re-posts nothing. What they typed
and why it was refused wait on the server, in the cache, for DRAFT_MAX_AGE, under a random key
that a short-lived cookie of that page's path names: the text never travels in a cookie, and
the cookie is personal (comments/pages.py), so a page read with it is never shared nor kept.
A draft is read once, for its own story.
"""

import secrets

from django.core.cache import cache

DRAFT_COOKIE = "binh_luan_nhap"
DRAFT_MAX_AGE = 600
_KEY = "comments:draft:{}"


def keep(response, request, *, article_id: int, path: str, fields: dict, message: str) -> bool:
    """Keep `fields` and `message` for the next showing of the form at `path`.

    Returns False, with nothing set, when the cache did not keep it (the caller then answers
    as before, with the form on the spot).
    """
    key = secrets.token_urlsafe(24)
    draft = {"article": article_id, "fields": fields, "message": message}
    cache.set(_KEY.format(key), draft, DRAFT_MAX_AGE)
    if cache.get(_KEY.format(key)) != draft:
        return False
    response.set_cookie(
        DRAFT_COOKIE,
        key,
        max_age=DRAFT_MAX_AGE,
        path=path,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return True


def take(request, article_id: int) -> dict | None:
    """The draft this browser left for the story `article_id` (then forgotten), or None."""
    key = request.COOKIES.get(DRAFT_COOKIE, "")
    if not key or len(key) > 64:
        return None
    draft = cache.get(_KEY.format(key))
    if not isinstance(draft, dict) or draft.get("article") != article_id:
        return None
    cache.delete(_KEY.format(key))
    return draft
