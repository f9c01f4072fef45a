"""Story revisions (django-reversion): what a revision holds, and what restoring one keeps.

A revision holds the words: title, lead, body, tags, related stories. Restoring one must not
bring back the story's state or its counters, which belong to the present:

1. `ArticleAdmin.revision_view` calls `keep_present_state` before reversion runs; it notes the
   present values of PRESENT_FIELDS on the request.
2. reversion writes the old copy back, then calls `ArticleAdmin.changeform_view`, which calls
   `restore_present_state`: the noted values are written over the old copy's.

A live story's revision goes live on save, so the revision page shows what would change
(`revision_diff`) and, for a live story, its form asks for a tick (`restores_live`) before the
save is taken: without it the form is refused and reversion rolls everything back.
"""

import reversion
from django.utils import timezone

from .models import Article, RelatedArticle, TaggedArticle

# Counters and the lock version are never stored in a revision.
reversion.register(RelatedArticle)
reversion.register(TaggedArticle)
reversion.register(
    Article,
    exclude=["version", "comment_count", "view_count", "search_text"],
    follow=["related_links", "taggedarticle_set"],
)

# The fields a restored revision leaves as they are now.
PRESENT_FIELDS = ["version", "comment_count", "view_count", "status", "published_at", "review_note"]

# Where `keep_present_state` leaves the present values for `restore_present_state`.
_REQUEST_ATTR = "desk_present_state"
# Where `keep_recovered_state` notes that a recovered story would be public at once.
_RECOVERS_LIVE_ATTR = "desk_recovers_live"


def keep_present_state(request, article_pk) -> None:
    """Note the story's present state and counters on `request`, before a revision is restored."""
    present = Article.objects.filter(pk=article_pk).values(*PRESENT_FIELDS).first()
    setattr(request, _REQUEST_ATTR, present)


def _live(state: dict | None) -> bool:
    if not state or state.get("status") != Article.Status.PUBLISHED:
        return False
    return state.get("published_at") is not None and state["published_at"] <= timezone.now()


def keep_recovered_state(request, version) -> None:
    """Note whether the deleted story being recovered from `version` comes back live."""
    setattr(request, _RECOVERS_LIVE_ATTR, _live(version.field_dict))


def restores_live(request) -> bool:
    """Whether saving the revision or recovery on `request` changes what readers see now."""
    return _live(getattr(request, _REQUEST_ATTR, None)) or getattr(
        request, _RECOVERS_LIVE_ATTR, False
    )


def restore_present_state(request, article_pk) -> None:
    """Put back what `keep_present_state` noted, if it did (a revision is being restored)."""
    present = getattr(request, _REQUEST_ATTR, None)
    if present:
        Article.objects.filter(pk=article_pk).update(**present)
