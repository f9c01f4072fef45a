"""What submitting a story does when its section has a chain: it waits at the first level.

`articles.workflow.submit` calls `enter` inside its transaction, before it saves the story,
and `entered` after; a section with no chain is left to the workflow as before.
"""

from django.utils import timezone

from ..models import Article
from . import mail, record
from .chain import Chains

FIELDS = ["approval_level", "approval_since", "approval_escalated"]


def place(article: Article, position: int | None) -> None:
    """Put `article` at `position` of its chain (None: out of it), waiting from now."""
    article.approval_level = position
    article.approval_since = timezone.now() if position else None
    article.approval_escalated = False


def enter(article: Article) -> Chains | None:
    """Set a submitted story at its chain's first level; the chains, or None with no chain."""
    chains = Chains.load()
    if not chains.of(article.section_id):
        place(article, None)
        return None
    place(article, 1)
    return chains


def entered(chains: Chains, article: Article, *, by) -> None:
    """Record the submission and tell the first level (after the story is saved)."""
    first = chains.of(article.section_id)[0]
    record.write(article, record.Kind.SUBMITTED, by=by, level=0, to_level=1)
    mail.tell_level(chains, article, first)
