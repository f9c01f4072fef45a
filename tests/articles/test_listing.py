from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Section, Tag
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [story.title for story in response.context["articles"]]


def stories(n: int, **fields) -> list[Article]:
    now = timezone.now()
    return [
        make_article(f"Tin {i:02d}", published_at=now - timedelta(minutes=i + 1), **fields)
        for i in range(n)
    ]


def test_section_page_lists_its_and_its_subsections_stories_newest_first(client):
    politics = make_section("Chính trị")
    learning = make_section("Học tập, làm theo Bác", parent=politics)
    now = timezone.now()
    make_article("Tin cũ", section=politics, published_at=now - timedelta(days=2))
    make_article("Tin con", section=learning, published_at=now - timedelta(hours=1))
    make_article("Tin khác", section=make_section("Kinh tế"))
    make_article("Bản nháp", section=politics, status=Article.Status.DRAFT)
    response = client.get(politics.get_absolute_url())
    assert titles(response) == ["Tin con", "Tin cũ"]
    assert titles(client.get(learning.get_absolute_url())) == ["Tin con"]


def test_tag_page_lists_the_tagged_public_stories_newest_first(client):
    now = timezone.now()
    make_article("Tin một", tags=["Đảng bộ"], published_at=now - timedelta(hours=2))
    make_article("Tin hai", tags=["Đảng bộ", "Biên giới"], published_at=now - timedelta(hours=1))
    make_article("Tin ba", tags=["Biên giới"])
    make_article("Tin hẹn giờ", tags=["Đảng bộ"], published_at=now + timedelta(hours=1))
    tag = Tag.objects.get(name="Đảng bộ")
    assert tag.slug == "dang-bo"
    response = client.get("/the/dang-bo/")
    assert titles(response) == ["Tin hai", "Tin một"]
    assert "Thẻ: Đảng bộ" in response.content.decode()


def test_section_page_shows_page_numbers(client):
    section = make_section("Xã hội")
    stories(45, section=section)
    content = client.get(section.get_absolute_url()).content.decode()
    assert 'aria-current="page"' in content
    assert 'href="?page=2"' in content and 'href="?page=3"' in content
    assert 'rel="next"' in content


@pytest.mark.parametrize(("page", "count", "first"), [("1", 20, "Tin 00"), ("2", 20, "Tin 20")])
def test_pages_of_a_section(client, page, count, first):
    section = make_section("Xã hội")
    stories(45, section=section)
    response = client.get(section.get_absolute_url(), {"page": page}, follow=True)
    assert len(titles(response)) == count and titles(response)[0] == first


def test_last_page_holds_the_rest(client):
    section = make_section("Xã hội")
    stories(45, section=section)
    assert titles(client.get(section.get_absolute_url(), {"page": 3})) == [
        "Tin 40",
        "Tin 41",
        "Tin 42",
        "Tin 43",
        "Tin 44",
    ]
    assert len(titles(client.get(section.get_absolute_url(), {"page": "last"}))) == 5


@pytest.mark.parametrize(
    "page", ["4", "0", "-1", "abc", "1.5", "", "9" * 40, "%00", "2e1", " 2", "１"]
)
def test_page_out_of_range_or_garbage_is_404_never_500(client, page):
    section = make_section("Xã hội")
    stories(45, section=section)
    status = client.get(f"{section.get_absolute_url()}?page={page}", follow=True).status_code
    # Python reads " 2" and a full-width "１" as numbers: those pages exist (at `?page=2`
    # and the section's own address).
    assert status == (200 if page in {"", " 2", "１"} else 404)


def test_empty_section_says_so_and_page_2_is_404(client):
    section = make_section("Thể thao")
    response = client.get(section.get_absolute_url())
    assert response.status_code == 200
    assert "Chuyên mục này chưa có bài viết." in response.content.decode()
    assert client.get(section.get_absolute_url(), {"page": 2}).status_code == 404


def test_tag_page_out_of_range_is_404(client):
    make_article("Tin", tags=["Biên giới"])
    assert client.get("/the/bien-gioi/?page=2").status_code == 404
    assert client.get("/the/bien-gioi/?page=x").status_code == 404


def test_renamed_section_old_slug_redirects_permanently(client):
    section = make_section("Quốc phòng")
    old_url = section.get_absolute_url()
    section.name = "Quốc phòng - An ninh"
    section.slug = ""
    section.save()
    assert section.slug == "quoc-phong-an-ninh"
    response = client.get(old_url + "?page=2")
    assert response.status_code == 301
    assert response["Location"] == "/chuyen-muc/quoc-phong-an-ninh/?page=2"


def test_every_old_slug_of_a_section_leads_to_the_current_one(client):
    section = make_section("Một", slug="mot")
    for slug in ["hai", "ba"]:
        section.slug = slug
        section.save()
    assert client.get("/chuyen-muc/mot/")["Location"] == "/chuyen-muc/ba/"
    assert client.get("/chuyen-muc/hai/")["Location"] == "/chuyen-muc/ba/"
    section.slug = "mot"  # back to its first address
    section.save()
    assert client.get("/chuyen-muc/mot/").status_code == 200
    assert client.get("/chuyen-muc/ba/")["Location"] == "/chuyen-muc/mot/"


def test_a_new_section_may_take_an_old_slug_over(client):
    old = make_section("Cũ", slug="tin-tuc")
    old.slug = "tin-cu"
    old.save()
    newcomer = make_section("Tin tức")
    assert newcomer.slug == "tin-tuc"
    response = client.get("/chuyen-muc/tin-tuc/")
    assert response.status_code == 200 and response.context["section"] == newcomer


def test_renamed_tag_old_slug_redirects_permanently(client):
    make_article("Tin", tags=["Dang bo"])
    tag = Tag.objects.get(name="Dang bo")
    tag.name, tag.slug = "Đảng bộ tỉnh", "dang-bo-tinh"
    tag.save()
    response = client.get("/the/dang-bo/")
    assert response.status_code == 301 and response["Location"] == "/the/dang-bo-tinh/"
    assert titles(client.get("/the/dang-bo-tinh/")) == ["Tin"]


def test_section_and_tag_slugs_follow_the_vietnamese_rule():
    assert make_section("Đường biên giới").slug == "duong-bien-gioi"
    make_article("Tin", tags=["Điện Biên Phủ"])
    assert Tag.objects.get().slug == "dien-bien-phu"


def test_section_page_links_its_subsections_and_a_subsection_its_parent(client):
    politics = make_section("Chính trị")
    learning = make_section("Học tập, làm theo Bác", parent=politics)
    content = client.get(politics.get_absolute_url()).content.decode()
    assert f'<li><a href="{learning.get_absolute_url()}">Học tập, làm theo Bác</a></li>' in content
    content = client.get(learning.get_absolute_url()).content.decode()
    assert f'class="breadcrumb"><a href="{politics.get_absolute_url()}">Chính trị</a>' in content


def test_menu_lists_visible_sections_in_order_with_their_subsections(client):
    Section.objects.all().delete()
    economy = make_section("Kinh tế", position=2)
    politics = make_section("Chính trị", position=1)
    make_section("Học tập, làm theo Bác", parent=politics, position=3)
    make_section("Ẩn", position=0, in_nav=False)
    nav = client.get("/").content.decode().split('class="site-nav"')[1].split("</nav>")[0]
    assert nav.index("Chính trị") < nav.index("Học tập, làm theo Bác") < nav.index("Kinh tế")
    assert "Ẩn" not in nav
    assert f'href="{economy.get_absolute_url()}"' in nav


@pytest.mark.parametrize("n", [1, 45])
def test_section_page_query_count_is_fixed(client, django_assert_max_num_queries, n):
    section = make_section("Xã hội")
    child = make_section("Giáo dục", parent=section)
    for story in stories(n, section=child):
        story.tags.add("Giáo dục")
    # menu, section, its subsections, count, page, sidebar, and the editors' placements (its
    # main story and the Tin nóng bar, articles/frontpage) on a cold cache
    with django_assert_max_num_queries(7):
        assert client.get(section.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("n", [1, 45])
def test_tag_page_query_count_is_fixed(client, django_assert_max_num_queries, n):
    stories(n, tags=["Biên giới", "Đảng bộ"])
    # Four, the Tin nóng bar (cold cache) and the page's stories.
    with django_assert_max_num_queries(6):
        assert client.get("/the/bien-gioi/").status_code == 200


def test_page_size_follows_the_setting_when_the_page_is_served(client, settings):
    section = make_section("Thời sự")
    stories(5, section=section)
    settings.ARTICLES_PER_PAGE = 2
    response = client.get(section.get_absolute_url())
    assert titles(response) == ["Tin 00", "Tin 01"]
    assert response.context["page_obj"].paginator.num_pages == 3
    search = client.get("/tim-kiem/", {"q": "tin"})
    assert len(search.context["articles"]) == 2
