"""The stories' figures on the desk's front page (newsroom/desk_front.py), and the most read.

Every figure is counted over what the person may open, with the same rules as the list it
links to (`workflow.readable`), so a journalist's "waiting for review" is their own stories
and the number always equals the rows behind the link. Someone who may not open the stories
gets none of this. The cost is fixed whatever the size of the paper: one aggregate over the
stories, one query for the most read.
"""

from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.db.models import Count, Min, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from newsroom.desk_front import Figure, FrontPage, Panel
from newsroom.vietnamese import since, vietnam_time

from . import counters, workflow
from .models import Article, State, is_public, is_scheduled, state_condition

MOST_READ = 5
# Stories looked at before adding the views still in the cache (counters.py) and cutting.
MOST_READ_CANDIDATES = 20
MOST_READ_TEMPLATE = "admin/articles/desk_most_read.html"


def contribute(user, page: FrontPage) -> None:
    if user.has_perm("articles.view_article"):
        page.figures += story_figures(user)
        page.panels.append(Panel(MOST_READ_TEMPLATE, {"stories": most_read(user)}))


def start_of_today(now: datetime) -> datetime:
    """Midnight of today in Vietnam: "published today" means the paper's day, not UTC's."""
    return vietnam_time(now).replace(hour=0, minute=0, second=0, microsecond=0)


def story_list(**query) -> str:
    return reverse("admin:articles_article_changelist") + "?" + urlencode(query)


def story_figures(user) -> list[Figure]:
    now = timezone.now()
    today = start_of_today(now)
    pending = state_condition(State.PENDING)
    counts = workflow.readable(user, Article.objects.all()).aggregate(
        today=Count("pk", filter=is_public(now) & Q(published_at__gte=today)),
        pending=Count("pk", filter=pending),
        oldest=Min("updated_at", filter=pending),
        scheduled=Count("pk", filter=is_scheduled(now)),
        drafts=Count("pk", filter=state_condition(State.DRAFT) & Q(author=user.pk)),
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
        workflow.readable(user, Article.objects.public())
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
