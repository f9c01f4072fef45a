"""Query budgets of the reader pages at full size, rendered cold: no page and no part cached.

The home page's budget is here and only here (HOME_QUERIES): the same few queries whether
the paper has one story or sixty.
"""

import pytest
from django.core.cache import cache
from django.urls import reverse

from articles.models import RelatedArticle
from comments.models import Comment
from tests.factories import make_article, make_comment, make_image, make_section

pytestmark = pytest.mark.django_db

BUDGET = 8
# A story page also reads its contributors with their people, for the linked byline, and the
# Tin nóng bar (articles/frontpage) once on a cold cache.
STORY_BUDGET = BUDGET + 2
# The next scheduled change (read through the shared cache: it shows on PostgreSQL and Redis,
# where a cold cache asks it), the sections, the most read and most commented, and the front
# page (articles/frontpage/reading.py): the placements in force, the boxes, the stories.
HOME_QUERIES = 6


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def paper():
    """Sections with subsections, 60 stories with pictures and tags, comments on them."""
    picture = make_image()
    picture.file.close()  # left open by the upload; the pages read none of it
    sections = []
    for i in range(2):
        parent = make_section(f"Chuyên mục {i}")
        sections += [parent, make_section(f"Mục con {i}", parent=parent)]
    stories = [
        make_article(
            f"Đảng bộ tin số {n}",
            section=sections[n % len(sections)],
            hero_image=picture,
            featured=n % 10 == 0,
            tags=[f"Thẻ {n % 7}", "Đảng bộ"],
        )
        for n in range(60)
    ]
    for story in stories[:20]:
        make_comment(story)
    return {"sections": sections, "stories": stories, "picture": picture}


@pytest.fixture
def big_story(paper):
    picture = paper["picture"]
    story = make_article(
        "Bài lớn",
        section=paper["sections"][1],
        hero_image=picture,
        body=(
            f'<p>Mở đầu.</p><figure data-image-id="{picture.pk}"><img src="{picture.file.url}" '
            f'data-file="{picture.pk}" alt="Ảnh"><figcaption>Chú thích</figcaption></figure>'
        ),
        tags=[f"Thẻ riêng {n}" for n in range(50)],
    )
    for position, other in enumerate(paper["stories"][:20]):
        RelatedArticle.objects.create(from_article=story, to_article=other, position=position)
    threads = Comment.objects.bulk_create(
        Comment(
            article=story, name="Bạn đọc", email="a@example.com", body="Ý kiến", status="approved"
        )
        for _ in range(500)
    )
    Comment.objects.bulk_create(
        Comment(
            article=story,
            parent=parent,
            name="B",
            email="b@example.com",
            body="Đáp",
            status="approved",
        )
        for parent in threads[:100]
    )
    return story


def cold_get(client, url, django_assert_max_num_queries, budget=BUDGET):
    cache.clear()
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(captured)


def test_article_page_with_500_comments_50_tags_20_related(
    client, big_story, django_assert_max_num_queries
):
    response, _ = cold_get(
        client, big_story.get_absolute_url(), django_assert_max_num_queries, STORY_BUDGET
    )
    assert len(response.context["tags"]) == 50
    assert "Xem thêm bình luận" in response.content.decode()
    assert "<picture>" in response.content.decode()
    # Its parts kept, the page costs the story and its comments: what a purge leaves.
    with django_assert_max_num_queries(3):
        assert client.get(big_story.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("size", ["one story", "full size"])
def test_home_page_costs_the_same_few_queries_however_many_stories(
    client, request, django_assert_max_num_queries, size
):
    if size == "full size":
        request.getfixturevalue("paper")
    else:
        make_article("Tin duy nhất", section=make_section("Xã hội"), tags=["Đảng bộ"])
    home = reverse("articles:home")
    response, _ = cold_get(client, home, django_assert_max_num_queries, HOME_QUERIES)
    newest = "Đảng bộ tin số 59" if size == "full size" else "Tin duy nhất"
    assert newest in response.text
    with django_assert_max_num_queries(0):  # then kept: no query at all
        assert client.get(home).status_code == 200


def test_section_page_at_full_size(client, paper, django_assert_max_num_queries):
    url = paper["sections"][0].get_absolute_url()
    response, _ = cold_get(client, url, django_assert_max_num_queries)
    assert len(response.context["articles"]) == 20
    cold_get(client, url + "?page=2", django_assert_max_num_queries)


def test_tag_page_at_full_size(client, paper, django_assert_max_num_queries):
    url = reverse("articles:tag", args=["dang-bo"])
    response, _ = cold_get(client, url, django_assert_max_num_queries)
    assert len(response.context["articles"]) == 20
    cold_get(client, url + "?page=3", django_assert_max_num_queries)


def test_search_page_at_full_size(client, paper, django_assert_max_num_queries):
    url = reverse("articles:search") + "?q=dang+bo"
    response, _ = cold_get(client, url, django_assert_max_num_queries)
    assert len(response.context["articles"]) == 20
