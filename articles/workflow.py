"""The desk's steps for a story: submit, publish (now or at a set time), send back, unpublish,
and take down on request (the editor-in-chief only; its address then answers 410).

Admin actions, buttons and views all call these functions. Each step is one transaction
that checks the actor's right, bumps the story's version (`Article.claim_version`, so a form
opened before the step is refused), keeps a revision, and tells the story's journalist when
that matters. The states themselves (draft... scheduled...) are the model's
(articles.models.states); this module says who may move a story from one to another.
"""

from datetime import datetime

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from newsroom.models import Notice
from newsroom.notices import notify
from newsroom.vietnamese import date_time

from .approvals import access as approvals
from .approvals import entry
from .events import TAKEN_DOWN, public_version
from .kinds import requirements as kind_requirements
from .models import Article, State, is_public
from .review_mail import notify_editors

PUBLISH_PERMISSION = "articles.publish_article"
TAKE_DOWN_PERMISSION = "articles.take_down_article"  # the editor-in-chief's (newsroom/roles.py)


class WorkflowError(ValueError):
    """The step does not apply to the story in its present state."""


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def readable(user, stories: QuerySet[Article]) -> QuerySet[Article]:
    """Editors read every story; a journalist reads their own and the public ones; a section
    head (the approval chain) also the stories of their sections that are not drafts.

    A colleague's draft, pending or scheduled story is their unpublished work: not listed,
    opened, previewed, compared in history nor offered by the autocomplete.
    """
    if can_publish(user):
        return stories
    visible = Q(author=user.pk) | is_public()
    if user.has_perm("articles.change_article"):  # not a moderator
        visible |= approvals.headed_condition(user) & ~Q(status=Article.Status.DRAFT)
    return stories.filter(visible)


def _own_draft(user, article: Article) -> bool:
    return article.author_id == user.pk and article.status == Article.Status.DRAFT


def can_edit(user, article: Article) -> bool:
    """Editors edit any story; a journalist edits only their own drafts (sent back included);
    whoever holds the level of its chain a story waits at edits it while it waits there."""
    if not user.has_perm("articles.change_article"):
        return False
    return can_publish(user) or _own_draft(user, article) or approvals.holds_now(user, article)


def can_delete(user, article: Article) -> bool:
    """Editors delete any story; a journalist only their own drafts (given the delete right)."""
    return can_publish(user) or _own_draft(user, article)


# The states each step starts from; the steps below and `allowed_steps` both ask these.
def _can_be_submitted(article: Article) -> bool:
    return article.state == State.DRAFT


def _can_be_published(article: Article) -> bool:
    return article.state not in {State.PUBLISHED, State.TAKEN_DOWN}


def _can_be_sent_back(article: Article) -> bool:
    return article.state in {State.PENDING, State.SCHEDULED}


def _can_be_unpublished(article: Article) -> bool:
    return article.state in {State.SCHEDULED, State.PUBLISHED}


def allowed_steps(user, article: Article | None) -> frozenset[str]:
    """The steps `user` may take on `article` now: the desk shows a button for each.

    Names: "submit", "publish", "send_back", "unpublish", "share" (make a preview link),
    "take_down" (on request, the editor-in-chief: articles/admin_takedown.py).
    `article=None` is a story not saved yet: it may be submitted, or published by an editor.
    A story of a section with an approval chain is published and sent back through its
    chain (articles/approvals/desk.py shows those buttons), not by these.
    """
    publisher = can_publish(user)
    if article is None:
        return frozenset({"submit", "publish"} if publisher else {"submit"})
    steps = {"take_down"} if may_take_down(user, article) else set()
    if can_edit(user, article) and _can_be_submitted(article):
        steps.add("submit")
    if publisher and article.state != State.TAKEN_DOWN:
        steps.add("share")
        chained = approvals.has_chain(article, user)
        if _can_be_published(article) and not chained:
            steps.add("publish")
        if _can_be_sent_back(article) and not (chained and article.approval_level):
            steps.add("send_back")
        if _can_be_unpublished(article):
            steps.add("unpublish")
    return frozenset(steps)


SCHEDULED = State.SCHEDULED.value

# One label per state the desk shows: the model's states (articles.models.states.State).
STATE_LABELS = dict(State.choices)


def state(article: Article | None) -> str:
    """The status a reader of the desk cares about: `scheduled` is a future publication.

    A story not saved yet is a draft.
    """
    if article is None or article.pk is None:
        return State.DRAFT.value
    return article.state


def state_label(article: Article | None) -> str:
    """`Hẹn giờ`, `Chờ duyệt`...: the label of the story's state."""
    return STATE_LABELS[state(article)]


def _require_publisher(user) -> None:
    if not can_publish(user):
        raise PermissionDenied("Chỉ biên tập viên được xuất bản, hẹn giờ, trả hoặc gỡ bài.")


def _require_complete(article: Article) -> None:
    """Refuse to send on a story its kind finds incomplete (a video story with no video...)."""
    if gaps := kind_requirements.missing(article):
        raise WorkflowError(kind_requirements.refusal(gaps))


def save_step(article: Article, *, by, comment: str, fields: list[str]) -> None:
    """Save a step's `fields` of `article` past the stored version, with a revision."""
    # Past the stored version, so a save made since `article` was loaded is not undone.
    article.claim_version()
    with reversion.create_revision():
        reversion.set_user(by)
        reversion.set_comment(comment)
        article.save(update_fields=[*fields, "version", "updated_at"])


_save = save_step


def _admin_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def _tell_author(article: Article, by, message: str, **options) -> None:
    if article.author_id and article.author_id != by.pk and article.author.is_active:
        notify(article.author, message, url=_admin_url(article), **options)


@transaction.atomic
def submit(article: Article, *, by) -> None:
    """Send a draft to the editors for review."""
    if not can_edit(by, article):
        raise PermissionDenied("Bạn không được sửa bài này.")
    if not _can_be_submitted(article):
        raise WorkflowError("Chỉ gửi duyệt được bài nháp.")
    _require_complete(article)
    article.status = Article.Status.PENDING
    chains = entry.enter(article)
    _save(article, by=by, comment="Gửi duyệt", fields=["status", *entry.FIELDS])
    if chains is None:
        notify_editors(article, by=by)
    else:
        entry.entered(chains, article, by=by)


@transaction.atomic
def publish(
    article: Article,
    *,
    by,
    at: datetime | None = None,
    through_chain: bool = False,
    extra_fields=(),
) -> None:
    """Publish at `at`, else at the story's own publish time, else now.

    A future time makes the story scheduled; a past one keeps its dateline (an archive story).

    A scheduled story needs nothing more: `Article.objects.public()` shows it from its
    publish time on. A story of a section with an approval chain is published only by its
    chain (`through_chain`: articles/approvals/steps.py checked the person's level).
    """
    if not through_chain:
        _require_publisher(by)
        if approvals.has_chain(article, by):
            raise PermissionDenied(
                "Chuyên mục của bài này duyệt nhiều cấp: bài lên trang khi cấp cuối duyệt"
                " (hoặc tổng biên tập xuất bản thẳng tin nóng, có ghi lý do)."
            )
    if article.status == Article.Status.TAKEN_DOWN:
        raise WorkflowError(TAKEN_DOWN_STAYS_DOWN)
    if not _can_be_published(article) and at is None:
        raise WorkflowError("Bài đã được xuất bản.")
    if not article.byline.strip():
        raise WorkflowError(
            "Bài chưa có bút danh in trên bài: hãy điền tên tác giả trước khi xuất bản."
        )
    _require_complete(article)
    now = timezone.now()
    if at is not None:
        article.published_at = at
    elif article.published_at is None:
        article.published_at = now
    article.status = Article.Status.PUBLISHED
    article.review_note = ""
    scheduled = article.published_at > now
    when = date_time(article.published_at)
    _save(
        article,
        by=by,
        comment=f"Hẹn giờ xuất bản lúc {when}" if scheduled else "Xuất bản",
        fields=["status", "published_at", "review_note", *extra_fields],
    )
    if scheduled:
        message = f"Bài “{article.title}” được hẹn giờ xuất bản lúc {when} (giờ Việt Nam)."
    else:
        message = f"Bài “{article.title}” đã được xuất bản."
    _tell_author(article, by, message)


@transaction.atomic
def send_back(
    article: Article, *, by, note: str, through_chain: bool = False, extra_fields=()
) -> None:
    """Return a pending (or scheduled) story to its journalist as a draft, with the reason.

    A story waiting at a level of its chain is sent back by who holds that level
    (articles/approvals/steps.py, which then calls this `through_chain`).
    """
    waiting = article.status == Article.Status.PENDING and article.approval_level
    if not through_chain and waiting and approvals.has_chain(article, by):
        from .approvals import steps

        steps.send_back(article, by=by, note=note, to_level=0)
        return
    if not through_chain:
        _require_publisher(by)
    note = (note or "").strip()
    if not note:
        raise WorkflowError("Hãy ghi lý do trả bài để phóng viên biết cần sửa gì.")
    if not _can_be_sent_back(article):
        raise WorkflowError("Chỉ trả lại được bài đang chờ duyệt hoặc đang hẹn giờ.")
    if article.is_scheduled:
        # The planned time was for this version; the editor sets a new one when it comes back.
        article.published_at = None
    article.status = Article.Status.DRAFT
    article.review_note = note
    _save(
        article,
        by=by,
        comment=f"Trả lại: {note}",
        fields=["status", "published_at", "review_note", *extra_fields],
    )
    _tell_author(
        article,
        by,
        f"Bài “{article.title}” bị trả lại: {note}",
        level=Notice.Level.WARNING,
    )


@transaction.atomic
def unpublish(article: Article, *, by) -> None:
    """Take a published (or scheduled) story off the site."""
    _require_publisher(by)
    if not _can_be_unpublished(article):
        raise WorkflowError("Chỉ gỡ được bài đã xuất bản hoặc đang hẹn giờ.")
    article.status = Article.Status.UNPUBLISHED
    _save(article, by=by, comment="Gỡ bài", fields=["status"])
    _tell_author(
        article,
        by,
        f"Bài “{article.title}” đã bị gỡ khỏi trang: bạn đọc không còn xem được.",
        level=Notice.Level.WARNING,
    )


# Taking a story down on request -------------------------------------------------------------
# Not unpublishing: a court, an authority or the law asked for it. Its address answers 410
# with a notice (articles/takedown.py), it leaves every list, feed, sitemap and cache
# (articles/pages.py purges a story leaving the public ones), its words, pictures and
# comments stay stored, and the archive is told (`public_version`, event TAKEN_DOWN).

TAKEN_DOWN_STAYS_DOWN = (
    "Bài đã bị gỡ theo yêu cầu: không xuất bản lại được bằng nút Xuất bản."
    " Muốn đăng lại nội dung này, hãy viết một bài mới sau khi tổng biên tập đồng ý."
)


def can_take_down(user) -> bool:
    return user.has_perm(TAKE_DOWN_PERMISSION)


def _can_be_taken_down(article: Article) -> bool:
    # An unpublished story too: readers, caches and search engines may still hold its address.
    return article.state in {State.SCHEDULED, State.PUBLISHED, State.UNPUBLISHED}


def may_take_down(user, article: Article) -> bool:
    """Whether the desk offers `user` the "Gỡ theo yêu cầu" button for `article`."""
    return can_take_down(user) and _can_be_taken_down(article)


@transaction.atomic
def take_down(article: Article, *, by, reason: str) -> None:
    """Take a story down on request, with the reason (who asked, by which document)."""
    if not can_take_down(by):
        raise PermissionDenied("Chỉ tổng biên tập được gỡ bài theo yêu cầu.")
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError(
            "Hãy ghi lý do gỡ bài (ai yêu cầu, văn bản nào): lý do được lưu cùng bài."
        )
    if article.status == Article.Status.TAKEN_DOWN:
        raise WorkflowError("Bài đã được gỡ theo yêu cầu.")
    if not _can_be_taken_down(article):
        raise WorkflowError("Chỉ gỡ theo yêu cầu được bài đã xuất bản, đang hẹn giờ hoặc đã gỡ.")
    article.status = Article.Status.TAKEN_DOWN
    article.taken_down_reason = reason
    article.taken_down_at = timezone.now()
    article.taken_down_by = by
    _save(
        article,
        by=by,
        comment=f"Gỡ theo yêu cầu: {reason}",
        fields=["status", "taken_down_reason", "taken_down_at", "taken_down_by"],
    )
    # A share link would still show the words to whoever holds it.
    article.share_links.filter(revoked_at__isnull=True).update(revoked_at=article.taken_down_at)
    transaction.on_commit(
        lambda: public_version.send(sender=Article, article=article, event=TAKEN_DOWN, by=by)
    )
    _tell_author(
        article,
        by,
        f"Bài “{article.title}” đã bị gỡ theo yêu cầu: {reason}",
        level=Notice.Level.WARNING,
    )
