"""The record of a story's steps through its chain (ApprovalStep): written once, never changed.

Each step names who took it (their name as it was), when, at which level, the story's edit
version and the revision it applied to (the one the step itself kept), and the note. The
story's history page shows it; the lưu chiểu archive can read it (`record_of`).
"""

from django.db.models import QuerySet
from reversion.models import Version

from ..models import ApprovalStep, Article

Kind = ApprovalStep.Kind


def name_of(user) -> str:
    if user is None:
        return "Hệ thống"
    return user.get_full_name() or user.get_username()


def write(
    article: Article,
    kind: str,
    *,
    by=None,
    level: int | None = None,
    to_level: int | None = None,
    role: str = "",
    note: str = "",
) -> ApprovalStep:
    """Add one step to `article`'s record, at the revision it has now."""
    revision = Version.objects.get_for_object(article).values_list("revision_id", flat=True).first()
    return ApprovalStep.objects.create(
        article=article,
        kind=kind,
        level=level,
        to_level=to_level,
        role=role,
        by=by,
        by_name=name_of(by),
        article_version=article.version,
        revision_id=revision,
        note=note,
    )


def record_of(article: Article) -> QuerySet[ApprovalStep]:
    """Every step of `article`, oldest first."""
    return ApprovalStep.objects.filter(article=article).order_by("at", "pk")


def current_round(steps: list[ApprovalStep]) -> list[ApprovalStep]:
    """The steps since the story was last submitted (a send-back to the journalist ends a
    round; the next submission starts one)."""
    start = 0
    for i, step in enumerate(steps):
        if step.kind == Kind.SUBMITTED:
            start = i
    return steps[start:]
