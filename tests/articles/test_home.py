import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_image, make_section

pytestmark = pytest.mark.django_db

HOME = reverse("articles:home")


def block_titles(response) -> dict[str, list[str]]:
    return {
        block.section.name: [story.title for story in block.articles]
        for block in response.context["blocks"]
    }


def test_featured_story_leads_the_home_page_then_the_newest_then_each_sections_latest(
    client, settings
):
    # One main story and one highlight; articles/frontpage/ tests the slots in full.
    settings.FRONT_COMPANIONS, settings.HOME_FEATURED = 0, 1
    now = timezone.now()
    politics = make_section("Chính trị", position=1)
    learning = make_section("Học tập, làm theo Bác", parent=politics, position=2)
    society = make_section("Xã hội", position=3)
    make_article("Nổi bật", section=society, featured=True, published_at=now - timedelta(days=5))
    make_article("Chính trị cũ", section=politics, published_at=now - timedelta(days=2))
    make_article("Học tập mới", section=learning, published_at=now - timedelta(hours=1))
    make_article("Xã hội mới", section=society, published_at=now - timedelta(hours=2))
    response = client.get(HOME)
    assert [story.title for story in response.context["featured"]] == ["Nổi bật", "Học tập mới"]
    assert block_titles(response) == {
        "Chính trị": ["Chính trị cũ"],
        "Xã hội": ["Xã hội mới"],
    }
    content = response.content.decode()
    assert content.index("Nổi bật") < content.index("Chính trị cũ") < content.index("Xã hội mới")


def test_each_section_block_keeps_its_latest_few(client, settings):
    settings.HOME_PER_SECTION = 3
    settings.FRONT_COMPANIONS, settings.HOME_FEATURED = 0, 0
    section = make_section("Kinh tế")
    now = timezone.now()
    for i in range(6):
        make_article(f"Kinh tế {i}", section=section, published_at=now - timedelta(hours=i + 1))
    make_article("Kinh tế nháp", section=section, status=Article.Status.DRAFT)
    blocks = block_titles(client.get(HOME))
    # Nothing is featured: the newest story leads, the block shows the next ones.
    assert blocks == {"Kinh tế": ["Kinh tế 1", "Kinh tế 2", "Kinh tế 3"]}


def test_featured_list_is_capped_and_newest_first(client, settings):
    settings.FRONT_COMPANIONS, settings.HOME_FEATURED = 0, 2
    now = timezone.now()
    for i in range(4):
        make_article(f"Nổi bật {i}", featured=True, published_at=now - timedelta(hours=i + 1))
    make_article("Nổi bật hẹn giờ", featured=True, published_at=now + timedelta(hours=1))
    featured = client.get(HOME).context["featured"]
    # The main story, then the two highlights.
    assert [story.title for story in featured] == ["Nổi bật 0", "Nổi bật 1", "Nổi bật 2"]


def test_each_item_shows_title_picture_excerpt_time_and_comment_count(client):
    picture = make_image("Người dân làm thủ tục")
    story = make_article(
        "Tin có ảnh",
        lead="Sapo của tin có ảnh.",
        hero_image=picture,
        published_at=timezone.now().replace(year=2024, month=4, day=27, hour=5, minute=30),
        comment_count=3,
    )
    content = client.get(HOME).content.decode()
    card = re.search(r'<li class="story-card[^"]*">.*?</li>', content, re.S).group()
    assert f'<a href="{story.get_absolute_url()}">Tin có ảnh</a>' in card
    assert 'alt="Người dân làm thủ tục"' in card and 'width="1200" height="800"' in card
    # Renditions from the picture's srcset; the first card, on the first screen, is not lazy.
    assert f"{picture.w480.url} 480w" in card and f"{picture.w480_webp.url} 480w" in card
    assert 'fetchpriority="high"' in card and 'loading="lazy"' not in card
    assert "(BLC) - Sapo của tin có ảnh." in card
    assert "27/04/2024 12:30" in card
    assert "3 bình luận" in card


def test_empty_paper_says_so(client):
    response = client.get(HOME)
    assert response.status_code == 200
    assert "Chưa có bài viết nào." in response.content.decode()


def test_sidebar_lists_most_read_and_most_commented(client):
    make_article("Đọc nhiều nhất", view_count=500)
    make_article("Đọc nhì", view_count=200, comment_count=1)
    make_article("Bàn tán", view_count=3, comment_count=40)
    make_article("Chưa ai đọc")
    make_article(
        "Tin cũ đọc nhiều", view_count=9000, published_at=timezone.now() - timedelta(days=90)
    )
    make_article("Nháp", view_count=99999, status=Article.Status.DRAFT)
    response = client.get(HOME)
    assert [s.title for s in response.context["most_read"]] == [
        "Đọc nhiều nhất",
        "Đọc nhì",
        "Bàn tán",
    ]
    assert [s.title for s in response.context["most_commented"]] == ["Bàn tán", "Đọc nhì"]
    content = response.content.decode()
    assert "Đọc nhiều" in content and "Nhiều bình luận" in content


@pytest.mark.parametrize("path", ["/", "/tim-kiem/?q=x", "/khong-co/"])
def test_every_page_has_a_labelled_search_box(client, path):
    make_section("Xã hội")
    content = client.get(path).content.decode()
    form = re.search(r'<form[^>]*role="search"[^>]*>.*?</form>', content, re.S).group()
    assert 'action="/tim-kiem/"' in form and 'method="get"' in form
    field_id = re.search(r'<input id="([^"]+)" type="search" name="q"', form).group(1)
    assert f'<label for="{field_id}">Tìm kiếm</label>' in form


def test_search_box_on_the_article_and_section_pages(client):
    story = make_article("Tin")
    for url in [story.get_absolute_url(), story.section.get_absolute_url()]:
        assert 'role="search"' in client.get(url).content.decode()


def test_home_picks_from_the_newest_stories_only(client, settings):
    settings.HOME_RECENT = 3
    settings.FRONT_COMPANIONS, settings.HOME_FEATURED = 0, 0
    now = timezone.now()
    quiet = make_section("Mục im ắng")
    make_article("Tin cũ của mục im ắng", section=quiet, published_at=now - timedelta(days=30))
    busy = make_section("Mục sôi động")
    for i in range(3):
        make_article(f"Tin {i}", section=busy, published_at=now - timedelta(hours=i + 1))
    response = client.get(HOME)
    assert block_titles(response) == {"Mục sôi động": ["Tin 1", "Tin 2"]}
    assert [story.title for story in response.context["featured"]] == ["Tin 0"]
