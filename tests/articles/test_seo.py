import html
import json
import re
from datetime import UTC, datetime

import pytest

from articles.seo import authors
from tests.factories import make_article, make_image, make_section

pytestmark = pytest.mark.django_db


def head(response) -> str:
    assert response.status_code == 200
    return response.content.decode().split("</head>")[0]


def meta(content: str, key: str) -> list[str]:
    """Values of <meta property|name="key" content="...">, decoded."""
    pattern = rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">'
    return [html.unescape(value) for value in re.findall(pattern, content)]


def canonical(content: str) -> str:
    return re.search(r'<link rel="canonical" href="([^"]+)">', content).group(1)


def json_ld(content: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    return [json.loads(block) for block in blocks]


@pytest.fixture
def story():
    section = make_section("Học tập, làm theo Bác", parent=make_section("Chính trị"))
    return make_article(
        "Làm theo Bác ở Đảng bộ Sở Nội vụ",
        section=section,
        lead="Nhờ kết hợp chặt chẽ giữa học tập với làm theo.",
        byline="T. Hùng, Minh Anh",
        hero_image=make_image("Công chức hướng dẫn Nhân dân"),
        published_at=datetime(2015, 2, 3, 7, 56, tzinfo=UTC),
        tags=["Sở Nội vụ", "Đảng bộ"],
    )


def test_every_reader_page_has_title_description_and_canonical(client, story):
    tag = story.tags.get(name="Đảng bộ")
    pages = {
        "/": "http://testserver/",
        story.section.get_absolute_url(): f"http://testserver{story.section.get_absolute_url()}",
        tag.get_absolute_url(): f"http://testserver{tag.get_absolute_url()}",
        story.get_absolute_url(): f"http://testserver{story.get_absolute_url()}",
        "/tim-kiem/?q=dang": "http://testserver/tim-kiem/",
    }
    titles = set()
    for url, expected in pages.items():
        content = head(client.get(url))
        title = re.search(r"<title>(.+?)</title>", content).group(1)
        assert "Báo Lai Châu" in title
        titles.add(title)
        assert meta(content, "description")[0].strip()
        assert canonical(content) == expected
    assert len(titles) == len(pages)


def test_canonical_keeps_the_page_number_and_drops_the_rest(client):
    section = make_section("Xã hội")
    for i in range(25):
        make_article(f"Tin {i}", section=section)
    url = section.get_absolute_url()
    content = head(client.get(url, {"page": 2, "utm_source": "zalo"}, follow=True))
    assert canonical(content) == f"http://testserver{url}?page=2"
    assert "Trang 2" in re.search(r"<title>(.+?)</title>", content).group(1)
    first = client.get(url, {"page": 1, "fbclid": "x"}, follow=True)
    assert canonical(head(first)) == f"http://testserver{url}"


def test_article_has_opengraph_and_twitter_cards_with_the_hero_picture(client, story):
    content = head(client.get(story.get_absolute_url()))
    picture = f"http://testserver{story.hero_image.file.url}"
    assert meta(content, "og:type") == ["article"]
    assert meta(content, "og:title") == [story.title]
    assert meta(content, "og:description") == [story.excerpt]
    assert meta(content, "og:url") == [f"http://testserver{story.get_absolute_url()}"]
    assert meta(content, "og:image") == [picture]
    assert meta(content, "og:image:alt") == ["Công chức hướng dẫn Nhân dân"]
    assert meta(content, "og:site_name") == ["Báo Lai Châu"]
    assert meta(content, "article:published_time") == ["2015-02-03T14:56:00+07:00"]
    assert sorted(meta(content, "article:tag")) == ["Sở Nội vụ", "Đảng bộ"]
    assert meta(content, "twitter:card") == ["summary_large_image"]
    assert meta(content, "twitter:title") == [story.title]
    assert meta(content, "twitter:image") == [picture]


def test_article_json_ld_is_a_news_article_with_the_required_fields(client, story):
    [data] = json_ld(head(client.get(story.get_absolute_url())))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Làm theo Bác ở Đảng bộ Sở Nội vụ"
    assert data["datePublished"] == "2015-02-03T14:56:00+07:00"
    modified = datetime.fromisoformat(data["dateModified"])
    assert modified.utcoffset().total_seconds() == 7 * 3600
    assert modified >= datetime.fromisoformat(data["datePublished"])
    assert data["author"] == [
        {"@type": "Person", "name": "T. Hùng"},
        {"@type": "Person", "name": "Minh Anh"},
    ]
    assert data["image"] == [f"http://testserver{story.hero_image.file.url}"]
    assert data["publisher"]["name"] == "Báo Lai Châu"
    assert data["publisher"]["logo"]["url"].startswith("http://testserver/static/")
    assert data["mainEntityOfPage"]["@id"] == f"http://testserver{story.get_absolute_url()}"


def test_json_ld_cannot_break_out_of_its_script(client):
    story = make_article("</script><script>alert(1)</script> & co", byline="")
    content = head(client.get(story.get_absolute_url()))
    assert "<script>alert(1)" not in content
    [data] = json_ld(content)
    assert data["headline"] == "</script><script>alert(1)</script> & co"
    assert data["author"] == [{"@type": "Organization", "name": "Báo Lai Châu"}]
    assert "image" not in data
    assert meta(content, "twitter:card") == ["summary"]


def test_home_describes_the_site_and_its_search(client):
    [data] = json_ld(head(client.get("/")))
    assert data["@type"] == "WebSite"
    assert data["potentialAction"]["target"] == "http://testserver/tim-kiem/?q={search_term_string}"


def test_search_results_are_not_indexed(client):
    assert meta(head(client.get("/tim-kiem/?q=x")), "robots") == ["noindex, follow"]


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("T. Hùng", ["T. Hùng"]),
        ("T. Hùng, Minh Anh và Lan", ["T. Hùng", "Minh Anh", "Lan"]),
        ("Quang Vinh; Hà Linh", ["Quang Vinh", "Hà Linh"]),
        ("Trần Văn Vân", ["Trần Văn Vân"]),
        ("", []),
    ],
)
def test_byline_names(byline, names):
    assert authors(byline) == names


def test_without_a_hero_the_first_body_picture_stands_for_the_story(client):
    story = make_article(
        "Tin có ảnh trong bài",
        body='<p>Mở đầu.</p><figure><img src="/media/images/a&amp;b.jpg" alt="Chợ phiên" '
        'width="800" height="533"><figcaption>Chợ phiên</figcaption></figure>',
    )
    content = head(client.get(story.get_absolute_url()))
    assert meta(content, "og:image") == ["http://testserver/media/images/a&b.jpg"]
    assert meta(content, "twitter:card") == ["summary_large_image"]
    [data] = json_ld(content)
    assert data["image"] == ["http://testserver/media/images/a&b.jpg"]
