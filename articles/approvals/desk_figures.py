"""The chain's figures on the desk front (newsroom/desk_front.py): "Chờ tôi duyệt" and the
overdue stories this person may take over.

Counted with the very filters of the list they link to (chain.waiting_condition and
overdue_for_condition through desk.ApprovalFilter), so a figure always equals the rows behind
its link; only for someone who holds a level role while some section has a chain. The cost is
fixed: the chains (two queries), the person (three at most), one aggregate.
"""

from urllib.parse import urlencode

from django.db.models import Count, Min
from django.urls import reverse

from newsroom.desk_front import Figure, FrontPage
from newsroom.vietnamese import since

from ..models import Article
from . import access
from .chain import APPROVER, overdue_for_condition, waiting_condition
from .desk import ApprovalFilter


def _list(value: str) -> str:
    return (
        reverse("admin:articles_article_changelist")
        + "?"
        + urlencode({ApprovalFilter.parameter_name: value})
    )


def contribute(user, page: FrontPage) -> None:
    if not (user.has_perm("articles.view_article") and user.has_perm(APPROVER)):
        return
    me = access.person(user)
    if not me.roles or not me.chains.levels:
        return
    mine, overdue = waiting_condition(me), overdue_for_condition(me)
    aggregates = {}
    if mine is not None:
        aggregates["mine"] = Count("pk", filter=mine)
        aggregates["oldest"] = Min("approval_since", filter=mine)
    if overdue is not None:
        aggregates["overdue"] = Count("pk", filter=overdue)
    counts = Article.objects.aggregate(**aggregates) if aggregates else {}
    note = ""
    if counts.get("mine"):
        note = f"lâu nhất {since(counts['oldest'])}"
    page.figures.insert(
        0,
        Figure(
            "waiting-for-me",
            "Chờ tôi duyệt",
            counts.get("mine", 0),
            _list(ApprovalFilter.MINE),
            note,
            badge="pending",
        ),
    )
    if overdue is not None:
        page.figures.insert(
            1,
            Figure(
                "overdue-below",
                "Quá hạn ở cấp dưới, tôi nhận thay được",
                counts.get("overdue", 0),
                _list(ApprovalFilter.OVERDUE),
                badge="unpublished",
            ),
        )
