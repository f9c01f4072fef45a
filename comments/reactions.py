"""Readers' likes and reports of approved comments: one of each per browser and comment.

No account: a browser is known by a random id in a signed cookie, set on its first like or
report. Its likes and reports are rows unique per (comment, browser), so a second one is
refused even when two arrive at once. A fresh cookie costs nothing, so each row also keeps
the reader's network (comments/ratelimit.py `network`): a network likes a comment once an
hour, and reports count by network. Story pages are shared through a cache, so what this
browser did and the current counts come from `visitor_state`, fetched by the page's script.
"""

from datetime import datetime, timedelta
from uuid import uuid4

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from articles.models import Article

from . import moderation
from .ids import as_id
from .models import Comment, CommentLike, CommentReport

BROWSER_COOKIE = "trinh_duyet"
BROWSER_SALT = "comments.browser"
BROWSER_MAX_AGE = 365 * 24 * 3600
# A network likes a comment once in this time, whatever cookies its browsers bring.
NETWORK_LIKE_EVERY = timedelta(hours=1)

NOT_FOUND = "Không tìm thấy bình luận này trong bài viết, hoặc bình luận chưa được duyệt."
ALREADY_LIKED = "Bạn đã thích bình luận này rồi."
LIKED_FROM_NETWORK = (
    "Bình luận này vừa được thích từ mạng bạn đang dùng. Vui lòng thử lại sau một giờ."
)
NEWSROOM_REPLY = "Đây là trả lời của ban biên tập, không nhận báo vi phạm."
ALREADY_REPORTED = "Bạn đã báo vi phạm bình luận này rồi. Cảm ơn bạn."
BAD_REASON = "Vui lòng chọn lý do báo vi phạm."


class Refused(Exception):
    """A like or report that changes nothing, with the reader's message and an HTTP status."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.message = message
        self.status = status


def browser_id(request) -> str | None:
    """This browser's id from its signed cookie, or None when it has none (or a forged one)."""
    try:
        value = signing.loads(request.COOKIES.get(BROWSER_COOKIE, ""), salt=BROWSER_SALT)
    except signing.BadSignature:
        return None
    if isinstance(value, str) and len(value) == 32 and value.isalnum():
        return value
    return None


def new_browser_id() -> str:
    return uuid4().hex


def remember_browser(response, request, browser: str) -> None:
    response.set_cookie(
        BROWSER_COOKIE,
        signing.dumps(browser, salt=BROWSER_SALT),
        max_age=BROWSER_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def target(comment_pk, article_pk) -> Comment:
    """The approved, shown comment `comment_pk` of the public story `article_pk`, or Refused."""
    comment_pk, article_pk = as_id(comment_pk), as_id(article_pk)
    if comment_pk is None or article_pk is None:
        raise Refused(NOT_FOUND, 404)
    comment = (
        Comment.objects.visible()
        .filter(pk=comment_pk, article_id=article_pk, article__in=Article.objects.published())
        .select_related("article")
        .first()
    )
    if comment is None:
        raise Refused(NOT_FOUND, 404)
    return comment


def like(comment: Comment, browser: str, network: str) -> int:
    """Count this browser's like of `comment`; return the comment's new number of likes."""
    try:
        with transaction.atomic():
            # The count first: its row lock queues two likes of this comment from one network.
            Comment.objects.filter(pk=comment.pk).update(like_count=F("like_count") + 1)
            since = timezone.now() - NETWORK_LIKE_EVERY
            earlier = set(
                CommentLike.objects.filter(comment=comment)
                .filter(Q(browser=browser) | Q(network=network, created_at__gt=since))
                .values_list("browser", flat=True)
            )
            if earlier:
                raise Refused(ALREADY_LIKED if browser in earlier else LIKED_FROM_NETWORK, 409)
            CommentLike.objects.create(comment=comment, browser=browser, network=network)
    except IntegrityError:
        raise Refused(ALREADY_LIKED, 409) from None
    return Comment.objects.filter(pk=comment.pk).values_list("like_count", flat=True).get()


def likes_from(network: str, since: datetime) -> int:
    """How many likes `network` gave since then (its rate limit while the cache is down)."""
    return CommentLike.objects.filter(network=network, created_at__gte=since).count()


def reports_from(network: str, since: datetime) -> int:
    """How many reports `network` made since then (its rate limit while the cache is down)."""
    return CommentReport.objects.filter(network=network, created_at__gte=since).count()


def reportable(comment: Comment) -> None:
    """Refuse reports of the paper's own replies: readers cannot hide what the newsroom says."""
    if comment.by_newsroom:
        raise Refused(NEWSROOM_REPLY, 403)


def report(comment: Comment, browser: str, network: str, reason: str) -> bool:
    """Record this browser's report; return whether it sent the comment back to the queue.

    It goes back once reports from `COMMENT_REPORTS_TO_HIDE` networks agree. A moderator's
    approval answers the reports before it, and their networks do not count against it again.
    """
    reportable(comment)
    if reason not in CommentReport.Reason.values:
        raise Refused(BAD_REASON, 400)
    try:
        with transaction.atomic():
            CommentReport.objects.create(
                comment=comment, browser=browser, network=network, reason=reason
            )
    except IntegrityError:
        raise Refused(ALREADY_REPORTED, 409) from None
    limit = settings.COMMENT_REPORTS_TO_HIDE
    return bool(limit) and reporting_networks(comment) >= limit and moderation.send_back(comment)


def reporting_networks(comment: Comment) -> int:
    """How many networks reported `comment` since a moderator's decision and not before it."""
    reports = CommentReport.objects.filter(comment=comment).order_by()
    decided = comment.moderated_at
    if decided is not None:
        answered = reports.filter(created_at__lte=decided).values("network")
        reports = reports.filter(created_at__gt=decided).exclude(network__in=answered)
    return reports.values("network").distinct().count()


def visitor_state(article_pk: int, browser: str | None) -> dict:
    """The story's like counts, and which of its comments this browser liked or reported."""
    comments = Comment.objects.filter(article_id=article_pk)
    likes = dict(comments.filter(like_count__gt=0).approved().values_list("pk", "like_count"))
    liked, reported = [], []
    if browser:
        liked = list(
            CommentLike.objects.filter(browser=browser, comment__article_id=article_pk)
            .order_by("comment_id")
            .values_list("comment_id", flat=True)
        )
        reported = list(
            CommentReport.objects.filter(browser=browser, comment__article_id=article_pk)
            .order_by("comment_id")
            .values_list("comment_id", flat=True)
        )
    return {"likes": {str(pk): n for pk, n in likes.items()}, "liked": liked, "reported": reported}
