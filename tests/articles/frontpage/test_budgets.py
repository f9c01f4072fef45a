"""The front page's queries stay the same whatever the number of slots, boxes and placements."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from articles.frontpage import placing
from articles.models import HomeBox, Placement, Slot
from tests.articles.test_query_budgets import BUDGET, HOME_QUERIES, STORY_BUDGET
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0


def paper(sections: int, per_section: int) -> list:
    now = timezone.now()
    made = []
    for s in range(sections):
        section = make_section(f"Mục {s}", position=s)
        HomeBox.objects.create(section=section, position=sections - s, count=3)
        made += [
            make_article(f"Tin {s}-{i}", section=section, published_at=now - timedelta(hours=i + 1))
            for i in range(per_section)
        ]
    return made


def history(stories, days: int) -> None:
    """A placement per slot position each hour for `days` days, and a bar each day."""
    now = timezone.now()
    rows = []
    for hour in range(days * 24):
        at = now - timedelta(hours=hour)
        for n, (slot, positions) in enumerate(
            [(Slot.MAIN, 1), (Slot.COMPANION, 3), (Slot.HIGHLIGHT, 5)]
        ):
            for position in range(1, positions + 1):
                story = stories[(hour + n + position) % len(stories)]
                rows.append(Placement(slot=slot, position=position, article=story, starts_at=at))
    Placement.objects.bulk_create(rows)


def cold(client, url, budget, django_assert_max_num_queries):
    cache.clear()
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize(("sections", "days"), [(1, 0), (8, 5)])
def test_home_page_costs_the_same_whatever_the_slots_boxes_and_history(
    client, django_assert_max_num_queries, sections, days
):
    stories = paper(sections, 12)
    history(stories, days)
    placing.set_breaking(stories[0], until=timezone.now() + timedelta(hours=1))
    placing.place(stories[-1], Slot.MAIN, starts_at=timezone.now() + timedelta(hours=1))
    response = cold(client, reverse("articles:home"), HOME_QUERIES, django_assert_max_num_queries)
    assert len(response.context["blocks"]) == sections
    assert response.context["breaking"] is not None


def test_section_and_story_pages_keep_their_budgets_with_the_bar(
    client, django_assert_max_num_queries
):
    stories = paper(3, 25)
    history(stories, 2)
    section = stories[0].section
    placing.place(stories[3], Slot.SECTION_MAIN, section=section)
    placing.set_breaking(stories[1], until=timezone.now() + timedelta(hours=1))
    response = cold(client, section.get_absolute_url(), BUDGET, django_assert_max_num_queries)
    assert response.context["section_main"] == stories[3]
    assert 'aria-label="Tin nóng"' in response.text
    story_page = cold(
        client, stories[5].get_absolute_url(), STORY_BUDGET, django_assert_max_num_queries
    )
    assert 'aria-label="Tin nóng"' in story_page.text
