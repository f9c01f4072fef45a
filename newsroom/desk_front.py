"""The admin index as the desk's front page: today's figures for the person logged in.

It lives in `newsroom` because it counts stories and comments both (`articles` never imports
`comments`). Every figure is counted over what that person may open, with the same rules as
the list it links to (`workflow.readable` for stories), so a journalist's "waiting for review"
is their own stories and the number always equals the rows behind the link. A figure whose
list the person cannot open is left out, link and all.

The cost is fixed whatever the size of the paper: one aggregate over the stories, one query for
the most read, two counts of comments.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.db.models import Count, Min, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from articles import counters, workflow
from articles.models import Article, is_public
from comments.models import Comment
from newsroom.vietnamese import since, vietnam_time

MOST_READ = 5
# Stories looked at before adding the views still in the cache (counters.py) and cutting.
MOST_READ_CANDIDATES = 20


@dataclass
class Figure:
    """One line of the front page: what is counted, how many, where the list is."""

    key: str
    label: str
    count: int
    url: str
    note: str = ""
    # The colour of the count, one of the desk's state badges (static/admin/css/desk.css).
    badge: str = "draft"


@dataclass
class FrontPage:
    figures: list[Figure] = field(default_factory=list)
    most_read: list[Article] | None = None


def start_of_today(now: datetime) -> datetime:
    """Midnight of today in Vietnam: "published today" means the paper's day, not UTC's."""
    return vietnam_time(now).replace(hour=0, minute=0, second=0, microsecond=0)


def story_list(**query) -> str:
    return reverse("admin:articles_article_changelist") + "?" + urlencode(query)


def front_page(user) -> FrontPage:
    page = FrontPage()
    if user.has_perm("articles.view_article"):
        page.figures += story_figures(user)
        page.most_read = most_read(user)
    if user.has_perm("comments.change_comment"):
        page.figures += comment_figures()
    return page


def story_figures(user) -> list[Figure]:
    now = timezone.now()
    today = start_of_today(now)
    published = Q(status=Article.Status.PUBLISHED)
    pending = Q(status=Article.Status.PENDING)
    counts = workflow.readable(user, Article.objects.all()).aggregate(
        today=Count("pk", filter=published & Q(published_at__gte=today, published_at__lte=now)),
        pending=Count("pk", filter=pending),
        oldest=Min("updated_at", filter=pending),
        scheduled=Count("pk", filter=published & Q(published_at__gt=now)),
        drafts=Count("pk", filter=Q(status=Article.Status.DRAFT, author=user.pk)),
    )
    waiting = ""
    if counts["pending"]:
        waiting = f"lâu nhất {since(counts['oldest'])}, tính từ lần lưu cuối"
    local = vietnam_time(now)
    return [
        Figure(
            "published-today",
            "Bài đã lên trang hôm nay",
            counts["today"],
            story_list(
                state="published",
                published_at__year=local.year,
                published_at__month=local.month,
                published_at__day=local.day,
            ),
            badge="published",
        ),
        Figure(
            "pending",
            "Bài chờ duyệt",
            counts["pending"],
            story_list(state="pending"),
            waiting,
            badge="pending",
        ),
        Figure(
            "scheduled",
            "Bài hẹn giờ",
            counts["scheduled"],
            story_list(state="scheduled"),
            badge="scheduled",
        ),
        Figure(
            "my-drafts",
            "Bản nháp của tôi",
            counts["drafts"],
            story_list(state="draft", author__id__exact=user.pk),
        ),
    ]


def most_read(user) -> list[Article]:
    """The stories read most in the last 24 hours, by the views written hour by hour.

    Views still counted in the cache (counters.py: fewer than a batch per story) are added;
    the day's new stories are looked at too, as their first views may all be there.
    """
    since = timezone.now() - timedelta(hours=24)
    day = Q(hourly_views__hour__gt=since)
    candidates = list(
        workflow.readable(user, Article.objects.all())
        .filter(is_public())
        .filter(day | Q(published_at__gte=since))
        .annotate(day_views=Coalesce(Sum("hourly_views__views", filter=day), 0))
        .order_by("-day_views", "-published_at", "-pk")
        .only("pk", "title", "published_at")[:MOST_READ_CANDIDATES]
    )
    # With the cache down this answers nothing (newsroom/cache.py): the hours, a little late.
    waiting = counters.pending_views([story.pk for story in candidates])
    for story in candidates:
        story.views = story.day_views + waiting.get(story.pk, 0)
    candidates = [story for story in candidates if story.views]
    candidates.sort(key=lambda story: (-story.views, -story.published_at.timestamp(), -story.pk))
    return candidates[:MOST_READ]


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
