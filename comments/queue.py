"""The moderation queue's rows: pending comments, newest first, with all a moderator weighs.

One page costs the same few queries whatever its length: the rows with their story and the
comment they answer, the count, the readers' approved comments (one aggregate), the reports.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import Comment, CommentReport

PER_PAGE = 50
_LINK = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)


@dataclass
class QueuePage:
    number: int
    total: int
    rows: list[Comment] = field(default_factory=list)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number * PER_PAGE < self.total

    @property
    def last(self) -> int:
        return max(1, -(-self.total // PER_PAGE))


def page_number(value) -> int:
    """The page a moderator asked for; anything unreadable is the first page."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), 100_000)


def queue_page(number: int = 1) -> QueuePage:
    """One page of pending comments, each with `approved_before` and `reader_reports`."""
    pending = Comment.objects.pending()
    total = pending.count()
    number = min(number, max(1, -(-total // PER_PAGE)))
    start = (number - 1) * PER_PAGE
    rows = list(
        pending.select_related("article", "parent").order_by("-created_at", "-pk")[
            start : start + PER_PAGE
        ]
    )
    page = QueuePage(number, total, rows)
    if not rows:
        return page
    approved = dict(
        Comment.objects.approved()
        .filter(email__in={row.email for row in rows}, by_newsroom=False)
        .order_by()
        .values("email")
        .annotate(n=Count("pk"))
        .values_list("email", "n")
    )
    reports: dict[int, list[CommentReport]] = {row.pk: [] for row in rows}
    for report in CommentReport.objects.filter(comment__in=rows).order_by("created_at", "pk"):
        reports[report.comment_id].append(report)
    for row in rows:
        row.approved_before = approved.get(row.email, 0)
        row.reader_reports = reports[row.pk]
    return page


def shown_text(text: str) -> SafeString:
    """A comment's whole text escaped, line breaks kept, links marked but not clickable."""
    escaped = escape(text)
    marked = _LINK.sub(lambda m: f'<span class="queue-link">{m.group(0)}</span>', escaped)
    return mark_safe(marked.replace("\n", "<br>"))
