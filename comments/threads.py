"""What a reader sees of a story's comments: threads newest or most liked first, fifty a page."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import Comment

THREADS_PER_PAGE = 50
SORT_PARAM = "sap-xep"
NEWEST, MOST_LIKED = "moi-nhat", "thich-nhieu"
# Threads in each order; a thread's replies stay oldest first, as the conversation went.
SORTS = {
    NEWEST: ("-created_at", "-pk"),
    MOST_LIKED: ("-like_count", "-created_at", "-pk"),
}


def sort_from(query) -> str:
    """The order a reader asked for in the query string; anything else is the default."""
    wanted = query.get(SORT_PARAM, NEWEST)
    return wanted if wanted in SORTS else NEWEST


@dataclass
class ThreadPage:
    number: int
    sort: str = NEWEST
    threads: list[Comment] = field(default_factory=list)
    has_next: bool = False

    @property
    def next_number(self) -> int:
        return self.number + 1


def thread_page(
    article_id: int, number: int = 1, per_page: int = THREADS_PER_PAGE, sort: str = NEWEST
) -> ThreadPage:
    """One page of approved top-level comments, each with `shown_replies`, in two queries."""
    start = (number - 1) * per_page
    threads = list(
        Comment.objects.approved()
        .filter(article_id=article_id, parent__isnull=True)
        .order_by(*SORTS[sort])[start : start + per_page + 1]
    )
    page = ThreadPage(number, sort, threads[:per_page], has_next=len(threads) > per_page)
    by_id = {thread.pk: thread for thread in page.threads}
    for thread in page.threads:
        thread.shown_replies = []
    if by_id:
        replies = Comment.objects.approved().filter(parent_id__in=by_id)
        for reply in replies.order_by("created_at", "pk"):
            by_id[reply.parent_id].shown_replies.append(reply)
    return page


def comments_open(article) -> bool:
    """Readers may comment: the story allows it and is not past the closing time."""
    if not article.allow_comments:
        return False
    days = settings.COMMENT_CLOSE_AFTER_DAYS
    if days and article.published_at is not None:
        return timezone.now() < article.published_at + timedelta(days=days)
    return True
