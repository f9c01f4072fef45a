"""Story revisions (django-reversion): what a revision holds, and what restoring one keeps.

A revision holds the words: title, lead, body, tags, related stories. Restoring one must not
bring back the story's state or its counters, which belong to the present:

1. `ArticleAdmin.revision_view` checks who may restore what (admin_revisions), makes the
   revert write back this story only (`confine_to_story`), and calls `keep_present_state`
   before reversion runs; it notes the present values of PRESENT_FIELDS on the request.
2. reversion writes the old copy back, then calls `ArticleAdmin.changeform_view`, which calls
   `restore_present_state`: the noted values are written over the old copy's.

A live story's revision goes live on save, so the revision page shows what would change
(`revision_diff`) and, for a live story, its form asks for a tick (`restores_live`) before the
save is taken: without it the form is refused and reversion rolls everything back.
"""

from functools import partial

import reversion
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, transaction
from reversion.errors import RevertError
from reversion.models import Version

from .models import Article, RelatedArticle, State, TaggedArticle, state_of

# A story's parts that a revision holds with it, and that restoring it puts back as they were.
PARTS = ["related_links", "taggedarticle_set"]

# Counters and the lock version are never stored in a revision.
reversion.register(RelatedArticle)
reversion.register(TaggedArticle)
reversion.register(
    Article,
    exclude=["version", "comment_count", "view_count", "search_text"],
    follow=PARTS,
)

# The fields a restored revision leaves as they are now.
PRESENT_FIELDS = ["version", "comment_count", "view_count", "status", "published_at", "review_note"]

# Said when the story cannot be written back; reversion's own message names the story.
MISSING_DEPENDENCY = (
    "Không khôi phục được bản này: chuyên mục, ảnh hoặc tài khoản của nó đã bị xóa."
)

# Where `keep_present_state` leaves the present values for `restore_present_state`.
_REQUEST_ATTR = "desk_present_state"
# Where `keep_recovered_state` notes that a recovered story would be public at once.
_RECOVERS_LIVE_ATTR = "desk_recovers_live"


def keep_present_state(request, article_pk) -> None:
    """Note the story's present state and counters on `request`, before a revision is restored."""
    present = Article.objects.filter(pk=article_pk).values(*PRESENT_FIELDS).first()
    setattr(request, _REQUEST_ATTR, present)


def _live(state: dict | None) -> bool:
    """Whether a story with these stored values is public now (articles.models.states)."""
    return (
        bool(state) and state_of(state.get("status"), state.get("published_at")) == State.PUBLISHED
    )


def keep_recovered_state(request, version) -> None:
    """Note whether the deleted story being recovered from `version` comes back live."""
    setattr(request, _RECOVERS_LIVE_ATTR, _live(version.field_dict))


def restores_live(request) -> bool:
    """Whether saving the revision or recovery on `request` changes what readers see now."""
    return _live(getattr(request, _REQUEST_ATTR, None)) or getattr(
        request, _RECOVERS_LIVE_ATTR, False
    )


def recovers_live(request) -> bool:
    """Whether `request` recovers a deleted story that comes back live (not a revision)."""
    return getattr(request, _RECOVERS_LIVE_ATTR, False)


def restore_present_state(request, article_pk) -> None:
    """Put back what `keep_present_state` noted, if it did (a revision is being restored)."""
    present = getattr(request, _REQUEST_ATTR, None)
    if present:
        Article.objects.filter(pk=article_pk).update(**present)


def _story_field(model) -> str | None:
    """The field naming the story a part belongs to (a related link, a tag, a kept comment)."""
    for relation in Article._meta.related_objects:
        if relation.get_accessor_name() in PARTS and relation.related_model is model:
            return relation.field.attname
    to_story = [
        field
        for field in model._meta.concrete_fields
        if field.many_to_one and field.related_model is Article
    ]
    return to_story[0].attname if len(to_story) == 1 else None


def _of_story(version: Version, story_pk: str) -> bool:
    model = version.content_type.model_class()
    if model is Article:
        return version.object_id == story_pk
    field = _story_field(model)
    return field is not None and str(version.field_dict.get(field)) == story_pk


def _revert_story(story: Version, parts: list[Version], delete: bool = False) -> None:
    """Write back `story` and `parts`; with `delete`, drop the parts the story gained since."""
    with transaction.atomic(using=story.db):
        try:
            with transaction.atomic(using=story.db):
                story.revert()
        except (IntegrityError, ObjectDoesNotExist) as error:
            raise RevertError(MISSING_DEPENDENCY) from error
        if delete:
            kept = {(part.content_type.model_class(), part.object_id) for part in parts}
            article = Article.objects.using(story.db).get(pk=story.object_id)
            for name in PARTS:
                for part in getattr(article, name).all():
                    if (type(part), str(part.pk)) not in kept:
                        part.delete()
        # A part whose other end is gone (a related story deleted since) is left out, as
        # reversion leaves it; comments come parent first, in the order they were added.
        for part in sorted(parts, key=lambda version: version.pk):
            try:
                with transaction.atomic(using=part.db):
                    part.revert()
            except (IntegrityError, ObjectDoesNotExist):
                continue


def confine_to_story(version: Version) -> None:
    """Make reverting `version`'s revision write back its story and the story's parts only.

    An action on the desk's list saves one revision for every story it touched, and reversion
    reverts a whole revision: restoring one story from it would restore all of them, colleagues'
    stories included, though the page shows one. Any other object in it is left alone too.
    reversion's revision view calls `version.revision.revert(delete=True)`; this instance's
    `revert` is replaced, so the view runs as it is and only this story changes.
    """
    revision = version.revision
    parts = [
        other
        for other in revision.version_set.exclude(pk=version.pk)
        if _of_story(other, version.object_id)
    ]
    revision.revert = partial(_revert_story, version, parts)
