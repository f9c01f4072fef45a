"""What a reader's browser remembers between comments: name, their last comment, pending ids.

Kept in a signed cookie, never the comment text nor the email: the cookie is signed, not
encrypted, so anyone holding it could read it. The email is looked up on the server from the
reader's last comment, which the cookie names by id.
"""

from django.core import signing

from .models import Comment

AUTHOR_COOKIE = "binh_luan"
AUTHOR_SALT = "comments.author"
AUTHOR_MAX_AGE = 365 * 24 * 3600
PENDING_KEPT = 5


def author_memory(request) -> dict:
    """What this browser remembers of its reader: name, last comment id and pending ids."""
    try:
        data = signing.loads(request.COOKIES.get(AUTHOR_COOKIE, ""), salt=AUTHOR_SALT)
    except signing.BadSignature:
        return {}
    return data if isinstance(data, dict) else {}


def remember_author(response, request, comment: Comment) -> None:
    memory = author_memory(request)
    pending = [pk for pk in memory.get("pending", []) if isinstance(pk, int)]
    memory = {
        "name": comment.name,
        "last": comment.pk,
        "pending": [*pending, comment.pk][-PENDING_KEPT:],
    }
    response.set_cookie(
        AUTHOR_COOKIE,
        signing.dumps(memory, salt=AUTHOR_SALT, compress=True),
        max_age=AUTHOR_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def remembered_email(memory: dict) -> str:
    """The email of the reader's last comment, kept on the server rather than in the cookie."""
    last = memory.get("last")
    if not isinstance(last, int):
        return ""
    return Comment.objects.filter(pk=last).values_list("email", flat=True).first() or ""
