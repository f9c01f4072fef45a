"""The moderation steps a moderator can take in the admin: one table, read by every place.

The comment list's actions (comments/admin.py) and the queue's one-click buttons
(comments/admin_queue.py, and the buttons on a reported comment's page) are made from
`STEPS`, so a verb, its label, its message and the permission it needs are written once. Each
step goes through comments/moderation.py, the only way to change a comment's fate.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from . import moderation
from .models import Comment


@dataclass(frozen=True)
class Step:
    key: str  # the queue's address: kiem-duyet/<pk>/<key>/
    action: str  # the comment list's action (its form posts this name)
    label: str  # the comment list's action menu
    status: str  # the comment's status afterwards
    done_one: str  # the queue's answer for one comment
    done_many: str  # the comment list's answer, "{}" the number changed
    # The button on a reported comment's page (the queue's own buttons are in its template).
    button: str = ""
    # The comment list's note on the chosen comments that had the status already.
    already: str = ""
    # Keep a reported comment: dismiss its reports (approving it) rather than set a status.
    keeps: bool = False
    permission: str = "change"

    def take(self, comment_ids: Iterable[int], *, by) -> int:
        """Take the step on the comments; return how many it changed."""
        if self.keeps:
            return moderation.keep(comment_ids, by=by)
        return moderation.set_status(comment_ids, self.status, by=by)

    def summary(self, changed: int, selected: int) -> str:
        """The comment list's message once `changed` of `selected` comments were changed."""
        message = self.done_many.format(changed)
        if self.already and selected > changed:
            message += " " + self.already.format(selected - changed)
        return message


STEPS = [
    Step(
        key="duyet",
        action="approve_comments",
        label="Duyệt các bình luận đã chọn",
        status=Comment.Status.APPROVED,
        done_one="Đã duyệt.",
        done_many="Đã duyệt {} bình luận.",
        already="({} bình luận đã được duyệt trước đó.)",
    ),
    Step(
        key="tu-choi",
        action="reject_comments",
        label="Từ chối các bình luận đã chọn",
        status=Comment.Status.REJECTED,
        done_one="Đã từ chối.",
        done_many="Đã từ chối {} bình luận.",
        already="({} bình luận đã bị từ chối trước đó.)",
    ),
    Step(
        key="spam",
        action="mark_spam",
        label="Đánh dấu spam các bình luận đã chọn",
        status=Comment.Status.SPAM,
        done_one="Đã đánh dấu spam.",
        done_many="Đã đánh dấu spam {} bình luận.",
        already="({} bình luận đã là spam trước đó.)",
    ),
    # A reported comment: keep it and dismiss the reports, or hide it (a rejection).
    Step(
        key="giu",
        action="keep_comments",
        label="Giữ bình luận, bỏ qua báo cáo",
        button="Giữ bình luận, bỏ qua báo cáo",
        status=Comment.Status.APPROVED,
        done_one="Đã giữ bình luận, bỏ qua báo cáo.",
        done_many="Đã giữ {} bình luận bị báo vi phạm, bỏ qua báo cáo.",
        keeps=True,
    ),
    Step(
        key="an",
        action="hide_comments",
        label="Ẩn bình luận (từ chối)",
        button="Ẩn bình luận",
        status=Comment.Status.REJECTED,
        done_one="Đã ẩn bình luận.",
        done_many="Đã ẩn {} bình luận.",
    ),
]
BY_KEY = {step.key: step for step in STEPS}
APPROVE = BY_KEY["duyet"]
