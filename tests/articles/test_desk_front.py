"""The admin index as the desk's front page: today's story figures for each role."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import counters
from articles.models import Article, HourlyViews
from tests.desk_users import editor, journalist, moderator
from tests.factories import make_article, make_user
from tests.front_page import figures

pytestmark = pytest.mark.django_db

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 29, 10, 0, tzinfo=VIETNAM)
STORY_FIGURES = {"published-today", "pending", "scheduled", "my-drafts"}


def vn(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=VIETNAM)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def desk_day(clock):
    """A morning at the paper: what went live, what waits, what is scheduled, what is drafted."""
    reporter, colleague = journalist("phongvien"), journalist("dongnghiep")
    stories = {
        "after_midnight": make_article("Sau nửa đêm", published_at=vn(29, 0, 30)),
        "this_morning": make_article("Sáng nay", published_at=vn(29, 9)),
        "last_night": make_article("Tối qua", published_at=vn(28, 23, 30)),
        "old": make_article("Tuần trước", published_at=vn(22, 8)),
        "scheduled": make_article("Hẹn chiều nay", published_at=vn(29, 15), author=colleague),
        "own_draft": make_article("Nháp của tôi", status=Article.Status.DRAFT, author=reporter),
        "colleague_draft": make_article(
            "Nháp đồng nghiệp", status=Article.Status.DRAFT, author=colleague
        ),
    }
    clock.move_to(NOW - timedelta(hours=2))
    stories["own_pending"] = make_article(
        "Chờ duyệt của tôi", status=Article.Status.PENDING, author=reporter
    )
    clock.move_to(NOW - timedelta(minutes=30))
    stories["colleague_pending"] = make_article(
        "Chờ duyệt của đồng nghiệp", status=Article.Status.PENDING, author=colleague
    )
    clock.move_to(NOW)
    return stories


def listed(client, url: str) -> set[int]:
    response = client.get(url)
    assert response.status_code == 200
    return {story.pk for story in response.context["cl"].result_list}


def pks(stories, *names) -> set[int]:
    return {stories[name].pk for name in names}


def test_editor_sees_the_day_and_each_number_opens_exactly_its_stories(client, desk_day):
    client.force_login(editor())
    shown = figures(client)

    assert shown["published-today"].count == 2
    assert listed(client, shown["published-today"].url) == pks(
        desk_day, "after_midnight", "this_morning"
    )
    assert shown["pending"].count == 2
    assert shown["pending"].note == "lâu nhất 2 giờ, tính từ lần lưu cuối"
    assert listed(client, shown["pending"].url) == pks(desk_day, "own_pending", "colleague_pending")
    assert shown["scheduled"].count == 1
    assert listed(client, shown["scheduled"].url) == pks(desk_day, "scheduled")
    assert shown["my-drafts"].count == 0
    assert listed(client, shown["my-drafts"].url) == set()


def test_journalist_counts_only_what_they_may_open(client, desk_day):
    client.force_login(desk_day["own_draft"].author)
    shown = figures(client)

    assert set(shown) == STORY_FIGURES
    assert shown["published-today"].count == 2
    assert listed(client, shown["published-today"].url) == pks(
        desk_day, "after_midnight", "this_morning"
    )
    # A colleague's pending and scheduled stories are their unpublished work.
    assert shown["pending"].count == 1
    assert shown["pending"].note == "lâu nhất 2 giờ, tính từ lần lưu cuối"
    assert listed(client, shown["pending"].url) == pks(desk_day, "own_pending")
    assert shown["scheduled"].count == 0
    assert listed(client, shown["scheduled"].url) == set()
    assert shown["my-drafts"].count == 1
    assert listed(client, shown["my-drafts"].url) == pks(desk_day, "own_draft")


def test_nothing_waiting_says_no_age(client, clock):
    client.force_login(editor())
    make_article("Đã đăng")
    assert figures(client)["pending"].count == 0
    assert figures(client)["pending"].note == ""


def test_a_story_at_half_past_midnight_counts_for_the_vietnamese_day(client, clock):
    # 00:30 in Hà Nội is 17:30 the day before in UTC.
    story = make_article("Nửa đêm", published_at=vn(29, 0, 30))
    make_article("Hôm qua", published_at=vn(28, 23, 59))
    client.force_login(editor())
    shown = figures(client)["published-today"]
    assert shown.count == 1
    assert listed(client, shown.url) == {story.pk}


def test_most_read_of_the_last_24_hours_counts_views_still_in_the_cache(client, desk_day):
    """Views by the hour they were read: an old story read today ranks, old views do not."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    hours = {
        "after_midnight": [(1, 5)],
        "this_morning": [(2, 30), (5, 20)],
        "last_night": [(10, 10)],
        "old": [(3, 70), (30, 1000)],  # published last week, read today, and much before
    }
    for name, rows in hours.items():
        for hours_ago, views in rows:
            HourlyViews.objects.create(
                article=desk_day[name], hour=now - timedelta(hours=hours_ago), views=views
            )
    Article.objects.filter(pk=desk_day["old"].pk).update(view_count=5000)
    cache.set(counters.view_key(desk_day["after_midnight"].pk), 100, timeout=None)
    client.force_login(editor())

    page = client.get(reverse("admin:index")).content.decode()
    block = page.split('id="doc-nhieu-nhat"', 1)[1].split("</ol>", 1)[0]
    assert "Đọc nhiều nhất 24 giờ qua" in block
    order = [t for t in ("Sau nửa đêm", "Tuần trước", "Sáng nay", "Tối qua") if t in block]
    assert sorted(order, key=block.index) == ["Sau nửa đêm", "Tuần trước", "Sáng nay", "Tối qua"]
    assert "105 lượt xem trong 24 giờ qua" in block
    assert "70 lượt xem trong 24 giờ qua" in block
    change = reverse("admin:articles_article_change", args=[desk_day["this_morning"].pk])
    assert f'href="{change}"' in block


def test_views_written_from_the_cache_land_in_their_hour(settings):
    settings.VIEW_COUNT_FLUSH_EVERY = 10
    story = make_article("Tin nóng")
    counters.add_views(story.pk, 25)
    counters.flush_views()
    row = HourlyViews.objects.get(article=story)
    assert (row.views, row.hour) == (25, counters.this_hour())
    story.refresh_from_db()
    assert story.view_count == 25


def test_moderator_gets_no_story_figures_nor_links(client, desk_day):
    client.force_login(moderator())
    page = client.get(reverse("admin:index")).content.decode()
    assert not STORY_FIGURES & set(figures(client))
    assert reverse("admin:articles_article_changelist") not in page
    assert "doc-nhieu-nhat" not in page


def test_superuser_sees_every_figure(client, desk_day):
    client.force_login(make_user("quantri", is_superuser=True))
    shown = figures(client)
    assert set(shown) == STORY_FIGURES | {"comments-waiting", "reports", "newsletter"}
    assert shown["pending"].count == 2


def index_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("admin:index")).status_code == 200
    return len(queries)


def test_the_front_page_costs_the_same_with_3_or_30_stories(
    client, clock, django_assert_max_num_queries
):
    reporter = journalist("phongvien")
    client.force_login(editor())

    def add(n: int) -> None:
        for i in range(n):
            make_article(f"Đăng {i}", published_at=vn(29, 8))
            make_article(f"Chờ {i}", status=Article.Status.PENDING, author=reporter)
            make_article(f"Hẹn {i}", published_at=vn(29, 20))

    add(3)
    small = index_queries(client)
    add(27)
    with django_assert_max_num_queries(small):
        client.get(reverse("admin:index"))
    assert index_queries(client) == small
    # Session, user, rights, log, 4 for the figures, 1 for the newsletter's (newsletter/).
    with django_assert_max_num_queries(11):
        client.get(reverse("admin:index"))
