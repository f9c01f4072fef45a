import html
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from articles.models import Article, RelatedArticle
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db

TAG = re.compile(r"<[^>]+>")


def page_text(response) -> str:
    """The page as a reader reads it: tags dropped, entities decoded, spaces folded."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(TAG.sub(" ", body)))


def assert_in_order(text: str, parts: list[str]):
    position = -1
    for part in parts:
        found = text.find(part, position + 1)
        assert found > position, f"{part!r} missing or out of order"
        position = found


@pytest.fixture
def story(time_machine):
    time_machine.move_to(datetime(2024, 4, 27, 12, 47, tzinfo=UTC), tick=False)
    parent = make_section("Chính trị")
    section = make_section("Học tập, làm theo Bác", parent=parent)
    related_a = make_article("Đăng kiểm xe cơ giới: Khâu quan trọng", lead="Đến Trung tâm " * 25)
    related_b = make_article("Đa dạng hình thức phát triển kinh tế", lead="Anh Oanh " * 40)
    article = make_article(
        "Làm theo Bác ở Đảng bộ Sở Nội vụ",
        section=section,
        lead="Nhờ kết hợp chặt chẽ giữa học tập với làm theo.",
        body=(
            "<p>Trao đổi với chúng tôi.</p>"
            '<figure><img src="/media/a.jpg" alt="Một cửa" width="800" height="533" '
            'loading="lazy"><figcaption>Công chức bộ phận một cửa</figcaption></figure>'
            "<p>Đoạn cuối.</p>"
        ),
        byline="T. Hùng",
        published_at=datetime(2015, 2, 3, 7, 56, tzinfo=UTC),
        tags=["Sở Nội vụ"],
    )
    RelatedArticle.objects.create(from_article=article, to_article=related_a, position=0)
    RelatedArticle.objects.create(from_article=article, to_article=related_b, position=1)
    return article


def test_article_page_shows_every_part_in_order(client, story):
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert_in_order(
        page_text(response),
        [
            "Thứ bảy, 27/04/2024, 19:47 [GMT+7]",
            "Học tập, làm theo Bác",
            "Làm theo Bác ở Đảng bộ Sở Nội vụ",
            "Thứ ba, 03/02/2015 - 14:56'",
            "(BLC) - Nhờ kết hợp chặt chẽ",
            "Trao đổi với chúng tôi.",
            "Công chức bộ phận một cửa",
            "Đoạn cuối.",
            "T. Hùng",
            "Sở Nội vụ",
            "Bình luận",
            "Hiện tại chưa có bình luận",
            "Viết bình luận",
            "Đăng kiểm xe cơ giới: Khâu quan trọng",
            "Đến Trung tâm",
            "Đa dạng hình thức phát triển kinh tế",
        ],
    )


def test_article_page_markup(client, story):
    content = client.get(story.get_absolute_url()).content.decode()
    assert content.count("<h1") == 1
    assert re.search(
        r'<a href="/chuyen-muc/hoc-tap-lam-theo-bac/">Học tập, làm theo Bác</a>', content
    )
    assert re.search(r'class="lead"><strong>\(BLC\) - Nhờ', content)
    assert '<figure><img src="/media/a.jpg"' in content
    assert "<figcaption>Công chức bộ phận một cửa</figcaption>" in content
    assert 'class="byline">T. Hùng</p>' in content
    assert 'href="/the/so-noi-vu/"' in content


def test_related_excerpts_end_with_dots_and_link_by_title(client, story):
    content = client.get(story.get_absolute_url()).content.decode()
    related = content[content.index('class="related"') :]
    titles = re.findall(
        r"<h3><a href=\"(/bai-viet/[^\"]+)\">([^<]+)</a></h3>\s*<p>([^<]+)</p>", related
    )
    assert [title for _, title, _ in titles] == [
        "Đăng kiểm xe cơ giới: Khâu quan trọng",
        "Đa dạng hình thức phát triển kinh tế",
    ]
    assert all(excerpt.endswith("...") for _, _, excerpt in titles)


def test_related_are_chosen_first_then_newest_sharing_tags_or_section(client):
    section = make_section()
    article = make_article("Bài chính", section=section, tags=["Biên giới"])
    chosen = make_article("Bài được chọn", published_at=timezone.now() - timedelta(days=30))
    same_tag = make_article(
        "Cùng thẻ", tags=["Biên giới"], published_at=timezone.now() - timedelta(days=2)
    )
    same_section = make_article(
        "Cùng chuyên mục", section=section, published_at=timezone.now() - timedelta(days=1)
    )
    make_article("Không liên quan")
    make_article("Bản nháp cùng chuyên mục", section=section, status=Article.Status.DRAFT)
    make_article(
        "Hẹn giờ cùng chuyên mục", section=section, published_at=timezone.now() + timedelta(days=1)
    )
    hidden_choice = make_article("Lựa chọn đã gỡ", status=Article.Status.UNPUBLISHED)
    RelatedArticle.objects.create(from_article=article, to_article=hidden_choice, position=0)
    RelatedArticle.objects.create(from_article=article, to_article=chosen, position=1)

    related = client.get(article.get_absolute_url()).context["related_articles"]
    assert [story.title for story in related] == ["Bài được chọn", "Cùng chuyên mục", "Cùng thẻ"]
    assert same_tag in related and same_section in related


def test_home_lists_published_stories_newest_first_by_title(client):
    old = make_article("Tin cũ", published_at=timezone.now() - timedelta(days=2))
    new = make_article("Tin mới", published_at=timezone.now() - timedelta(hours=1))
    make_article("Tin nháp", status=Article.Status.DRAFT)
    make_article("Tin hẹn giờ", published_at=timezone.now() + timedelta(hours=1))
    content = client.get("/").content.decode()
    new_link = f'<a href="{new.get_absolute_url()}">Tin mới</a>'
    old_link = f'<a href="{old.get_absolute_url()}">Tin cũ</a>'
    assert new_link in content and old_link in content
    assert content.index(new_link) < content.index(old_link)
    assert "Tin nháp" not in content and "Tin hẹn giờ" not in content


@pytest.mark.parametrize(
    ("status", "offset"),
    [
        (Article.Status.DRAFT, timedelta(hours=-1)),
        (Article.Status.PENDING, timedelta(hours=-1)),
        (Article.Status.UNPUBLISHED, timedelta(hours=-1)),
        (Article.Status.PUBLISHED, timedelta(minutes=1)),
    ],
)
def test_non_public_stories_are_404_for_readers(client, status, offset):
    article = make_article(status=status, published_at=timezone.now() + offset)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_scheduled_story_appears_when_its_time_comes(client, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    article = make_article("Tin hẹn giờ", published_at=timezone.now() + timedelta(minutes=30))
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Tin hẹn giờ" not in client.get("/").content.decode()
    time_machine.shift(timedelta(minutes=31))
    assert client.get(article.get_absolute_url()).status_code == 200
    assert "Tin hẹn giờ" in client.get("/").content.decode()


def test_old_or_wrong_slug_redirects_permanently(client):
    article = make_article("Tiêu đề đầu tiên")
    old_url = article.get_absolute_url()
    article.slug = "tieu-de-da-sua"
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    assert client.get(f"/bai-viet/bat-ky-{article.pk}/").status_code == 301


def test_a_zero_padded_id_redirects_permanently_to_the_story(client):
    """Each padding would be a page of its own in the cache, and a duplicate to search engines."""
    article = make_article("Tiêu đề đầu tiên")
    url = article.get_absolute_url()
    for padded in (f"0{article.pk}", f"000{article.pk}", f"{article.pk:018}"):
        response = client.get(f"/bai-viet/{article.slug}-{padded}/")
        assert (response.status_code, response["Location"]) == (301, url)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/bai-viet/khong-co-999999/",
        "/bai-viet/khong-co-99999999999999999999999/",
        "/bai-viet/KHONG-HOP-LE-1/",
        "/bai-viet/%C4%91%E1%BA%A3ng-1/",
        "/bai-viet/-/",
        "/bai-viet/abc/",
        "/bai-viet/%00-1/",
        "/chuyen-muc/khong-co/",
        "/the/khong-co/",
        "/khong-co-trang-nay/",
    ],
)
def test_unknown_or_malformed_urls_are_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "query",
    ["?page=abc", "?x=%FF%FE", "?page=1&page=2", "?utm_source=<script>", "?" + "a=1&" * 200],
)
def test_any_query_string_gives_the_page(client, story, query):
    assert client.get(story.get_absolute_url() + query, follow=True).status_code == 200


def test_section_page_includes_subsection_stories(client):
    parent = make_section("Xã hội")
    child = make_section("Giáo dục", parent=parent)
    make_article("Tin giáo dục", section=child)
    make_article("Tin xã hội", section=parent)
    content = client.get(parent.get_absolute_url()).content.decode()
    assert "Tin giáo dục" in content and "Tin xã hội" in content


def test_clock_shows_the_time_of_the_view(client, time_machine):
    time_machine.move_to(datetime(2024, 4, 27, 17, 30, tzinfo=UTC), tick=False)
    assert "Chủ nhật, 28/04/2024, 00:30 [GMT+7]" in page_text(client.get("/"))


def _grow(article, n):
    for i in range(n):
        other = make_article(f"Liên quan {article.pk}-{i}", section=article.section)
        RelatedArticle.objects.create(from_article=article, to_article=other, position=i)
        article.tags.add(f"Thẻ {article.pk}-{i}")


@pytest.mark.parametrize("n", [0, 3, 25])
def test_article_page_query_count_is_fixed(client, django_assert_max_num_queries, n):
    article = make_article(section=make_section())
    _grow(article, n)
    # The story (with whether it has corrections), tags, related (two), contributors, menu,
    # comments, the breaking-news bar (articles/frontpage/).
    with django_assert_max_num_queries(8):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["tags"]) == n


def test_not_found_page_speaks_vietnamese(client):
    response = client.get("/bai-viet/khong-co-999999/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
