"""Adding and approving corrections: each step one transaction, checked, purged, told."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from newsroom.notices import notify

from .. import events, pages, workflow
from ..approvals.chain import on_duty
from ..models import Article, Correction

APPROVE_PERMISSION = "articles.approve_correction"
WorkflowError = workflow.WorkflowError


def can_file(user, article: Article) -> bool:
    """Editors correct the stories readers can open now."""
    return workflow.can_publish(user) and article.is_public


def can_approve(user) -> bool:
    """The editor-in-chief and the deputies, or whoever is on duty now."""
    return user.is_active and (user.has_perm(APPROVE_PERMISSION) or user.pk in on_duty())


def _require_filer(user, article: Article) -> None:
    if not workflow.can_publish(user):
        raise PermissionDenied("Chỉ biên tập viên được đính chính, cải chính bài.")
    if not can_file(user, article):
        raise WorkflowError("Chỉ đính chính, cải chính được bài đang đăng.")


def _shown(correction: Correction, *, by) -> None:
    """After a correction shows: the story's pages and the corrections pages are purged now;
    the archive hears of it once committed."""
    pages.corrections_changed(correction.article_id)
    article = correction.article
    transaction.on_commit(
        lambda: events.public_version.send(
            sender=Article, article=article, event=events.CORRECTED, by=by, correction=correction
        )
    )


@transaction.atomic
def add_note(article: Article, *, by, note: str, place: str = Correction.Place.TOP) -> Correction:
    """A dated note on the story saying what was changed (đính chính): shown at once."""
    _require_filer(by, article)
    note = (note or "").strip()
    if not note:
        raise WorkflowError("Hãy ghi nội dung đính chính: điều gì đã được sửa.")
    correction = Correction.objects.create(
        article=article,
        kind=Correction.Kind.NOTE,
        status=Correction.Status.PUBLISHED,
        place=place,
        note=note,
        created_by=by,
        approved_by=by,
        published_at=timezone.now(),
    )
    _shown(correction, by=by)
    return correction


@transaction.atomic
def file_apology(
    article: Article,
    *,
    by,
    wrong: str,
    corrected: str,
    apology: str,
    place: str = Correction.Place.TOP,
) -> Correction:
    """A correction with an apology in the law's form: the story's title, section and date as
    published, the wrong and the corrected information, the apology. Waits for approval."""
    _require_filer(by, article)
    fields = {"wrong": wrong, "corrected": corrected, "apology": apology}
    missing = [name for name, value in fields.items() if not (value or "").strip()]
    if missing:
        labels = {"wrong": "thông tin sai", "corrected": "thông tin đúng", "apology": "lời xin lỗi"}
        raise WorkflowError("Hãy điền " + ", ".join(labels[m] for m in missing) + ".")
    correction = Correction.objects.create(
        article=article,
        kind=Correction.Kind.APOLOGY,
        status=Correction.Status.PENDING,
        place=place,
        story_title=article.title,
        story_section=article.section.name,
        story_published_at=article.published_at,
        created_by=by,
        **{name: value.strip() for name, value in fields.items()},
    )
    _tell_approvers(correction, by=by)
    return correction


def _tell_approvers(correction: Correction, *, by) -> None:
    from django.contrib.auth import get_user_model
    from django.db.models import Q
    from django.urls import reverse

    people = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(groups__permissions__codename="approve_correction")
            | Q(user_permissions__codename="approve_correction")
            | Q(pk__in=on_duty())
        )
        .exclude(pk=by.pk)
        .distinct()
    )
    url = reverse("admin:articles_correction_changelist") + "?status__exact=pending"
    for person in people:
        notify(
            person,
            f"Thông tin cải chính, xin lỗi cho bài “{correction.article.title}” chờ bạn duyệt.",
            url=url,
        )


@transaction.atomic
def approve(correction: Correction, *, by) -> Correction:
    """The editor-in-chief's approval: the correction shows on the story and its pages."""
    if not can_approve(by):
        raise PermissionDenied(
            "Chỉ tổng biên tập, phó tổng biên tập hoặc người trực ban được duyệt cải chính."
        )
    locked = (
        Correction.objects.select_for_update(of=("self",))
        .select_related("article")
        .filter(pk=correction.pk)
        .first()
    )
    if locked is None or locked.status != Correction.Status.PENDING:
        raise WorkflowError("Cải chính này đã được duyệt hoặc không còn nữa.")
    locked.status = Correction.Status.PUBLISHED
    locked.approved_by = by
    locked.published_at = timezone.now()
    locked.save(update_fields=["status", "approved_by", "published_at"])
    _shown(locked, by=by)
    if locked.created_by_id and locked.created_by_id != by.pk:
        notify(
            locked.created_by,
            f"Cải chính cho bài “{locked.article.title}” đã được duyệt và đăng.",
            url=locked.get_absolute_url(),
        )
    return locked
