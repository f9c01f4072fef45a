"""Each comment form stores at most one comment: a double click or a retry gets the same answer.

Every form carries a signed token with a nonce of its own (`spam.make_token`). The token is
made when the form is rendered, or by the form-fields endpoint (`comments:form-fields`) for a
page that came from a shared cache, so two readers never share a nonce. A used nonce is kept:
- in the cache, until the form would have expired anyway (`COMMENT_FORM_MAX_AGE`), so a
  replay is answered without a write, even after a moderator deleted the comment;
- in the database, as the comment's unique `form_token`: the final guard, which holds when
  the cache is down or two clicks arrive at the same instant.
A second post of one form with the same text is answered "received" for the stored comment;
with another text it is refused with the text kept and a fresh form.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction

from .models import Comment

logger = logging.getLogger(__name__)
USED_KEY = "comments:form-used:{}"
REUSED = (
    "Biểu mẫu này đã được dùng để gửi một bình luận khác. Nội dung của bạn vẫn còn, "
    "vui lòng bấm Gửi bình luận lần nữa."
)


class FormReused(Exception):
    """The form already stored a different comment."""


def earlier_comment(form) -> Comment | None:
    """The comment this form already stored, or None when the form is unused.

    Raises FormReused when the form was used for something else (or its comment is gone).
    """
    if not form.nonce:
        return None
    # The cache first, then the database: a form is marked used only after its comment is
    # committed, so a mark seen here means the comment is visible below unless it was deleted.
    # (The other order took a twin click that committed in between for a reuse.)
    try:
        used = cache.get(USED_KEY.format(form.nonce))
    except Exception:
        logger.exception("Used comment forms unavailable in the cache")
        used = None
    comment = Comment.objects.filter(form_token=form.nonce).first()
    if comment is None:
        if used is not None:
            raise FormReused
        return None
    if not form.same_comment(comment):
        raise FormReused
    return comment


def store(
    form, *, ip_address: str | None, user_agent: str, origin: str = ""
) -> tuple[Comment, bool]:
    """Store the form's comment unless it already did; return (comment, whether it is new)."""
    try:
        with transaction.atomic():
            comment = form.save(ip_address=ip_address, user_agent=user_agent, origin=origin)
    except IntegrityError:
        # Another request with this form committed first (the unique form_token).
        earlier = earlier_comment(form)
        if earlier is None:
            raise
        return earlier, False
    if form.nonce:
        try:
            cache.set(
                USED_KEY.format(form.nonce), comment.pk, timeout=settings.COMMENT_FORM_MAX_AGE
            )
        except Exception:
            logger.exception("Could not remember a used comment form in the cache")
    return comment, True
