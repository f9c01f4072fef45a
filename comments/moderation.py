"""Moderation steps: the admin actions and any view call these, never set status directly.

A reader's new comment gets its fate here too, once, before it is stored (`fate`, `submit`):
the status it is written with is final for that request, so it is written once and its
story recounted at most once.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles import pages
from articles.models import Article

from .models import Comment
from .notifications import notify_moderators
from .spam import spam_reason
from .threads import comments_open


def approve(comment: Comment, *, by) -> bool:
    """Make `comment` public. Return whether its status changed."""
    return set_status([comment.pk], Comment.Status.APPROVED, by=by) == 1


def reject(comment: Comment, *, by) -> bool:
    """Hide `comment` as unfit for publication. Return whether its status changed."""
    return set_status([comment.pk], Comment.Status.REJECTED, by=by) == 1


def mark_spam(comment: Comment, *, by) -> bool:
    """Hide `comment` as spam. Return whether its status changed."""
    return set_status([comment.pk], Comment.Status.SPAM, by=by) == 1


def keep(comment_ids: Iterable[int], *, by) -> int:
    """Keep reported comments on the page and dismiss their readers' reports.

    A comment the reports hid comes back; one still shown stays. Either way the decision is
    recorded, so the reports before it count no more. Returns how many had reports waiting.
    """
    ids = list(comment_ids)
    waiting = Comment.objects.filter(pk__in=ids).reported().count()
    set_status(ids, Comment.Status.APPROVED, by=by)
    return waiting


def send_back(comment: Comment) -> bool:
    """Hide an approved comment again until a moderator looks at it (readers reported it)."""
    return set_status([comment.pk], Comment.Status.PENDING, by=None) == 1


def edited(comment: Comment) -> None:
    """Show a moderator's edit of `comment`'s text or name at once: purged when committed.

    A phone number taken out of a comment must not stay on the cached page.
    """
    article_ids = [comment.article_id]
    transaction.on_commit(lambda: purge(article_ids))


class NotAnswerable(Exception):
    """The paper does not answer a comment turned down (rejected or spam) in public."""


NOT_ANSWERABLE = (
    "Bình luận này đã bị từ chối hoặc đánh dấu spam: hãy duyệt lại trước khi trả lời công khai."
)


def reply_as_newsroom(comment: Comment, body: str, *, by) -> Comment:
    """Publish the paper's answer to `comment` at once, threaded under the reader's comment.

    Answering a comment that still waits approves it too: the answer would not show without it.
    A comment turned down (or a thread whose first comment was) is not approved by a reply:
    that takes a moderator's own decision (NotAnswerable).
    """
    thread = comment.parent if comment.parent_id else comment
    turned_down = (Comment.Status.REJECTED, Comment.Status.SPAM)
    if comment.status in turned_down or thread.status in turned_down:
        raise NotAnswerable(NOT_ANSWERABLE)
    with transaction.atomic():
        if comment.status != Comment.Status.APPROVED:
            set_status([comment.pk], Comment.Status.APPROVED, by=by)
        if thread.pk != comment.pk and thread.status != Comment.Status.APPROVED:
            set_status([thread.pk], Comment.Status.APPROVED, by=by)
        reply = Comment.objects.create(
            article_id=comment.article_id,
            parent=thread,
            name=settings.SITE_NAME,
            email=settings.SITE_EMAIL,
            body=body,
            status=Comment.Status.PENDING,
            by_newsroom=True,
        )
        set_status([reply.pk], Comment.Status.APPROVED, by=by)
    reply.refresh_from_db()
    return reply


def is_trusted(email: str) -> bool:
    """Whether comments from `email` skip the queue (COMMENT_TRUST_AFTER approved, none refused).

    Derived from the counts every time, so a later rejection or spam verdict clears the trust.
    """
    needed = settings.COMMENT_TRUST_AFTER
    if not needed or not email:
        return False
    refused = [Comment.Status.REJECTED, Comment.Status.SPAM]
    counts = Comment.objects.filter(email__iexact=email, by_newsroom=False).aggregate(
        approved=Count("pk", filter=Q(status=Comment.Status.APPROVED)),
        refused=Count("pk", filter=Q(status__in=refused)),
    )
    return counts["refused"] == 0 and counts["approved"] >= needed


class CommentsClosed(Exception):
    """The story takes no comments (never did, or its time ran out): nothing is stored."""


@dataclass(frozen=True)
class Fate:
    """The status a reader's new comment is stored with, and why it went to spam if it did."""

    status: str
    spam_reason: str = ""


def fate(article: Article, *, name: str, email: str, body: str) -> Fate:
    """What becomes of a reader's new comment, decided before it is stored.

    In order, as django-contrib-comments' moderator asks `allow` before `moderate`: a closed
    story refuses it (CommentsClosed); the spam defences send it to spam; a trusted reader's
    is approved; any other waits for a moderator.
    """
    if not comments_open(article):
        raise CommentsClosed
    reason = spam_reason(name, body)
    if reason:
        return Fate(Comment.Status.SPAM, reason[:200])
    if is_trusted(email):
        return Fate(Comment.Status.APPROVED)
    return Fate(Comment.Status.PENDING)


def submit(
    article: Article,
    *,
    parent: Comment | None,
    name: str,
    email: str,
    body: str,
    ip_address: str | None,
    user_agent: str,
    form_token: str | None,
    origin: str = "",
    is_question: bool = False,
) -> Comment:
    """Store a reader's new comment with its `fate`, in one write.

    An approved one (a trusted reader's) is recorded as approved by nobody, its story locked
    first, recounted once and purged when committed, as `set_status` does for a moderator's
    approval. A pending one tells the moderators once committed (`origin`: the host the
    reader used, for the mail's links). Raises CommentsClosed, and IntegrityError when the
    form's token stored a comment already (comments/once.py).
    """
    verdict = fate(article, name=name, email=email, body=body)
    if is_question and verdict.status == Comment.Status.APPROVED:
        verdict = Fate(Comment.Status.PENDING)  # a question waits for a moderator to pick it
    approved = verdict.status == Comment.Status.APPROVED
    # No savepoint of its own: inside once.store's, a failed insert undoes it all.
    with transaction.atomic(savepoint=False):
        if approved:
            lock_articles([article.pk])
        comment = Comment.objects.create(
            article=article,
            parent=parent,
            name=name,
            email=email,
            body=body,
            status=verdict.status,
            spam_reason=verdict.spam_reason,
            moderated_at=timezone.now() if approved else None,
            ip_address=ip_address,
            user_agent=user_agent[:500],
            form_token=form_token,
            is_question=is_question,
        )
        if approved:
            article_ids = [article.pk]
            recount(article_ids)
            transaction.on_commit(lambda: purge(article_ids))
        elif verdict.status == Comment.Status.PENDING:
            transaction.on_commit(lambda: notify_moderators(comment, origin=origin))
    return comment


def set_status(comment_ids: Iterable[int], status: str, *, by) -> int:
    """Move the comments to `status` in one transaction; return how many changed.

    Records who and when, recounts the stories' public comments while their rows are
    locked (so concurrent moderators cannot lose an update), and, once committed, purges
    the cached comment lists of those stories. Approving a reported comment that still shows
    changes no status but is a decision all the same: it answers the reports before it.
    """
    ids = sorted(set(comment_ids))
    now = timezone.now()
    with transaction.atomic():
        article_ids = sorted(
            set(Comment.objects.filter(pk__in=ids).values_list("article_id", flat=True))
        )
        lock_articles(article_ids)
        if status == Comment.Status.APPROVED:
            kept = Comment.objects.filter(pk__in=ids, status=status).reported()
            kept.update(moderated_by=by, moderated_at=now)
        changing = Comment.objects.filter(pk__in=ids).exclude(status=status)
        changed = changing.update(status=status, moderated_by=by, moderated_at=now)
        if changed:
            recount(article_ids)
            transaction.on_commit(lambda: purge(article_ids))
    return changed


def lock_articles(article_ids: Iterable[int]) -> None:
    """Lock the stories' rows until the transaction ends (callers pass ids sorted).

    Two moderators of one story (or a moderator and `recountcomments`) queue up here instead
    of recounting from each other's uncommitted state. Call inside `transaction.atomic()`.
    """
    list(Article.objects.select_for_update().filter(pk__in=article_ids).values_list("pk"))


def recount(article_ids: Iterable[int]) -> None:
    """Set each story's `comment_count` to the number of comments a reader can see."""
    visible = (
        Comment.objects.visible()
        .filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Article.objects.filter(pk__in=list(article_ids)).update(
        comment_count=Coalesce(Subquery(visible), 0)
    )


def delete_comments(comments) -> int:
    """Delete comments (and their replies) and keep the stories' counts right."""
    with transaction.atomic():
        article_ids = sorted(set(comments.values_list("article_id", flat=True)))
        lock_articles(article_ids)
        deleted, _ = Comment.objects.filter(pk__in=comments.values("pk")).delete()
        recount(article_ids)
        transaction.on_commit(lambda: purge(article_ids))
    return deleted


def purge(article_ids: Iterable[int]) -> None:
    """Show the stories' comments afresh: their pages and comment lists are purged."""
    pages.comments_changed(article_ids)
