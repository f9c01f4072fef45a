"""A comment sent too fast, kept for the page the reader is sent back to (post, redirect, get).

The reader is answered with a 303 to the form, so a reload re-posts nothing. What they typed
and why it was refused travel back with them in a signed, compressed cookie limited to that
page's path, for DRAFT_MAX_AGE: every server process reads it alike (a gunicorn worker that
did not refuse the post, on SQLite without a shared cache, too), and nothing waits on the
server. The cookie is the reader's own (httponly, SameSite=Lax, Secure over HTTPS) and
personal (comments/pages.py), so a page read with it is never shared nor kept. A draft is
read once, for its own story. One that would not fit in a cookie is not kept: the caller
then answers as before, with the form and its text on the spot, so nothing is lost.
"""

from django.core import signing

DRAFT_COOKIE = "binh_luan_nhap"
DRAFT_MAX_AGE = 600
_SALT = "comments.drafts"
# Browsers keep cookies up to 4096 bytes with their name and attributes.
_MOST = 3800


def keep(response, request, *, article_id: int, path: str, fields: dict, message: str) -> bool:
    """Keep `fields` and `message` for the next showing of the form at `path`.

    Returns False, with nothing set, when the draft is too long for a cookie.
    """
    draft = {"article": article_id, "fields": fields, "message": message}
    value = signing.dumps(draft, salt=_SALT, compress=True)
    if len(value) > _MOST:
        return False
    response.set_cookie(
        DRAFT_COOKIE,
        value,
        max_age=DRAFT_MAX_AGE,
        path=path,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return True


def take(request, article_id: int) -> dict | None:
    """The draft this browser brought back for the story `article_id`, or None.

    The page that shows it forgets it (ForgetDraftMiddleware), so a reload shows a clean form.
    """
    value = request.COOKIES.get(DRAFT_COOKIE, "")
    if not value or len(value) > _MOST:
        return None
    try:
        draft = signing.loads(value, salt=_SALT, max_age=DRAFT_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(draft, dict) or draft.get("article") != article_id:
        return None
    request.comment_draft_taken = True
    return draft


class ForgetDraftMiddleware:
    """Drops the draft cookie on the answer that showed the draft: it is read once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "comment_draft_taken", False):
            response.delete_cookie(DRAFT_COOKIE, path=request.path, samesite="Lax")
        return response
