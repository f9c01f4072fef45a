"""What the comments tell the page cache: whose cookie makes a page personal, and the order
a story page's comments are read in.

The comment threads are part of a story page, whose areas and purges are the articles'
(articles/pages.py, `comments_area`, `comments_changed`); moderation calls those. `register()`
is called by CommentsConfig.ready().
"""

from pagecache import registry

from .author import AUTHOR_COOKIE
from .drafts import DRAFT_COOKIE
from .threads import NEWEST, SORT_PARAM, SORTS


def comment_order(value: str) -> str | None:
    """The comments' order, when it is one the page knows and not the default."""
    return value if value in SORTS and value != NEWEST else None


def register() -> None:
    # A returning commenter gets their name filled in and their pending comments shown.
    registry.personal_cookie(AUTHOR_COOKIE)
    # A comment sent too fast comes back to its page filled in (comments/drafts.py).
    registry.personal_cookie(DRAFT_COOKIE)
    registry.parameters("articles:detail", {SORT_PARAM: comment_order})
