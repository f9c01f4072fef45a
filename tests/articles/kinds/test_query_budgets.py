"""Query budgets of the kinds' pages, cold (no page, no part cached): the same few queries
however many pictures a photo story has or stories a kind's list holds."""

import pytest
from django.urls import reverse

from articles.kinds.lists import ADDRESSES
from articles.models import Article
from tests.articles.test_query_budgets import BUDGET, STORY_BUDGET, cold_get
from tests.factories import make_article

from .builders import add_pictures, make_kind_story

pytestmark = pytest.mark.django_db

# A photo story also reads its pictures with their files: one query for all of them.
PHOTO_BUDGET = STORY_BUDGET + 1


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0


def test_photo_story_costs_the_same_with_3_pictures_or_40(client, django_assert_max_num_queries):
    story = make_kind_story(Article.Kind.PHOTO)
    url = story.get_absolute_url()
    _, few = cold_get(client, url, django_assert_max_num_queries, PHOTO_BUDGET)
    add_pictures(story, 37)
    response, many = cold_get(client, url, django_assert_max_num_queries, PHOTO_BUDGET)
    assert response.content.decode().count('class="gallery-item"') == 40
    assert many == few


@pytest.mark.parametrize(
    "kind",
    [Article.Kind.VIDEO, Article.Kind.AUDIO, Article.Kind.LONGFORM, Article.Kind.INFOGRAPHIC],
)
def test_each_kind_story_page_within_the_story_budget(client, django_assert_max_num_queries, kind):
    story = make_kind_story(kind, tags=["Du lịch", "Lai Châu"])
    cold_get(client, story.get_absolute_url(), django_assert_max_num_queries, STORY_BUDGET)


@pytest.mark.parametrize("address", ["video", "anh", "podcast", "emagazine", "infographic"])
def test_kind_list_costs_the_same_with_one_story_or_a_full_page(
    client, django_assert_max_num_queries, settings, address
):
    settings.ARTICLES_PER_PAGE = 20
    url = reverse("articles:kind", args=[address])
    make_kind_story(ADDRESSES[address], title="Bài đầu")
    _, few = cold_get(client, url, django_assert_max_num_queries, BUDGET)
    hero = Article.objects.get().hero_image
    for n in range(25):
        make_article(f"Bài {n}", kind=ADDRESSES[address], hero_image=hero)
    response, many = cold_get(client, url, django_assert_max_num_queries, BUDGET)
    assert len(response.context["articles"]) == 20
    assert many == few
    cold_get(client, url + "?page=2", django_assert_max_num_queries, BUDGET)
