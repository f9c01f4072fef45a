"""The comments' figures on the desk's front page (newsroom/desk_front.py).

For those who moderate: what waits in the queue, what readers reported; each figure links to
exactly the comments it counts. The cost is two counts, whatever the number of comments.
"""

from urllib.parse import urlencode

from django.urls import reverse

from newsroom.desk_front import Figure, FrontPage

from .models import Comment


def contribute(user, page: FrontPage) -> None:
    if user.has_perm("comments.change_comment"):
        page.figures += comment_figures()


def comment_figures() -> list[Figure]:
    changelist = reverse("admin:comments_comment_changelist")
    return [
        Figure(
            "comments-waiting",
            "Bình luận chờ duyệt",
            Comment.objects.pending().count(),
            reverse("admin:comments_comment_queue"),
            badge="pending",
        ),
        Figure(
            "reports",
            "Bình luận bị báo vi phạm chưa xử lý",
            Comment.objects.reported().count(),
            changelist + "?" + urlencode({"bao_vi_pham": "cho-xu-ly"}),
            badge="unpublished",
        ),
    ]
