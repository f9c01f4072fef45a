import unicodedata
from datetime import timedelta

import pytest
from django.core.exceptions import FieldError
from django.db import NotSupportedError, connection
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from articles import search as search_module
from articles.models import Article, Section, Tag
from articles.search import VectorMatch, parse_query, search
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db

SEARCH = reverse("articles:search")


def found(client, q: str, **params) -> list[str]:
    response = client.get(SEARCH, {"q": q, **params})
    assert response.status_code == 200
    return [story.title for story in response.context["articles"]]


@pytest.fixture
def reference():
    return make_article(
        "Làm theo Bác ở Đảng bộ Sở Nội vụ",
        lead="Nhờ kết hợp chặt chẽ giữa học tập với làm theo tấm gương đạo đức Hồ Chí Minh.",
        body="<p>Trao đổi với chúng tôi, đồng chí Giám đốc cho biết.</p>",
        tags=["Cải cách hành chính"],
    )


@pytest.mark.parametrize(
    "q",
    [
        "dang bo",
        "Đảng bộ",
        "ĐẢNG BỘ",
        "đảng bộ",
        "DANG BO",
        "  đảng   BỘ ",
        unicodedata.normalize("NFD", "Đảng bộ"),
        "đảng bộ!",
    ],
)
def test_every_case_and_diacritic_variant_finds_the_reference_story(client, reference, q):
    make_article("Tin thể thao cuối tuần")
    assert found(client, q) == [reference.title]


def test_d_matches_the_vietnamese_d_with_stroke(client):
    make_article("Đường Điện Biên Phủ sáng đèn")
    assert found(client, "duong dien bien") == ["Đường Điện Biên Phủ sáng đèn"]
    assert found(client, "đuong điên") == ["Đường Điện Biên Phủ sáng đèn"]


def test_every_word_must_match_as_a_whole_word(client, reference):
    make_article("Đăng ký kết hôn")  # "dang" without "bo"
    make_article("Bộ đội biên phòng")  # "bo" without "dang"
    make_article("Đảng bộphận")  # no word "bo" on its own
    assert found(client, "dang bo") == [reference.title]


def test_lead_body_and_tags_are_searched(client, reference):
    assert found(client, "tam guong dao duc") == [reference.title]
    assert found(client, "giam doc") == [reference.title]
    assert found(client, "cải cách hành chính") == [reference.title]


def test_tags_added_or_renamed_later_are_found(client, reference):
    reference.tags.add("Biên giới")
    assert found(client, "bien gioi") == [reference.title]
    tag = Tag.objects.get(name="Biên giới")
    tag.name = "Cửa khẩu"
    tag.save()
    assert found(client, "bien gioi") == []
    assert found(client, "cua khau") == [reference.title]
    reference.tags.remove(tag)
    assert found(client, "cua khau") == []


def test_edited_story_is_found_by_its_new_words(client, reference):
    reference.title = "Sở Nội vụ đón khách"
    reference.save()
    assert found(client, "don khach") == [reference.title]


def test_title_matches_rank_before_body_matches(client):
    now = timezone.now()
    make_article(
        "Tin mới về nông thôn",
        body="<p>Nói về nông thôn mới ở Phong Thổ, Phong Thổ.</p>",
        published_at=now - timedelta(hours=1),
    )
    make_article("Phong Thổ vào mùa", published_at=now - timedelta(days=30))
    make_article(
        "Thời tiết",
        lead="Mưa lớn ở Phong Thổ.",
        published_at=now - timedelta(days=2),
    )
    assert found(client, "phong tho") == ["Phong Thổ vào mùa", "Thời tiết", "Tin mới về nông thôn"]


def test_the_readers_exact_spelling_ranks_first(client):
    """ "bão", "báo", "bảo" and "bao" fold alike; the spelling typed comes first."""
    now = timezone.now()
    make_article("Bão số 3 đổ bộ", published_at=now - timedelta(days=3))
    make_article("Báo chí cách mạng", published_at=now - timedelta(days=2))
    make_article("Bảo vệ rừng đầu nguồn", published_at=now - timedelta(days=1))
    make_article("Bao giờ có đường mới", published_at=now - timedelta(hours=1))
    assert found(client, "bão")[0] == "Bão số 3 đổ bộ"
    assert found(client, "BÁO")[0] == "Báo chí cách mạng"
    assert found(client, "bảo")[0] == "Bảo vệ rừng đầu nguồn"
    # Without diacritics every spelling is as good: newest first.
    assert found(client, "bao") == [
        "Bao giờ có đường mới",
        "Bảo vệ rừng đầu nguồn",
        "Báo chí cách mạng",
        "Bão số 3 đổ bộ",
    ]


def test_only_public_stories_are_found(client, reference):
    make_article("Đảng bộ bản nháp", status=Article.Status.DRAFT)
    make_article("Đảng bộ chờ duyệt", status=Article.Status.PENDING)
    make_article("Đảng bộ đã gỡ", status=Article.Status.UNPUBLISHED)
    make_article("Đảng bộ hẹn giờ", published_at=timezone.now() + timedelta(hours=1))
    assert found(client, "dang bo") == [reference.title]


def test_matched_words_are_highlighted_and_the_rest_escaped(client):
    make_article("<b>Đảng</b> bộ & nhân dân", lead="Đảng bộ huyện họp.")
    content = client.get(SEARCH, {"q": "dang bo"}).content.decode()
    assert "&lt;b&gt;<mark>Đảng</mark>&lt;/b&gt; <mark>bộ</mark> &amp; nhân dân" in content
    assert "<mark>Đảng</mark> <mark>bộ</mark> huyện họp." in content
    assert "<b>Đảng" not in content


def test_a_body_only_match_shows_the_body_around_it(client):
    make_article(
        "Tin trong ngày",
        lead="Tóm tắt không liên quan.",
        body="<p>" + "Mở đầu dài dòng. " * 30 + "Chợ phiên Sìn Hồ họp sáng chủ nhật.</p>",
    )
    content = client.get(SEARCH, {"q": "sin ho"}).content.decode()
    assert "Chợ phiên <mark>Sìn</mark> <mark>Hồ</mark> họp" in content


@pytest.mark.parametrize(
    "q",
    [
        "",
        "   ",
        "!!! ??? …",
        "a" * 1000,
        "đảng " * 300,
        "' OR 1=1; DROP TABLE articles_article; --",
        "dang & bo | !x:* <-> (",
        "<script>alert('x')</script>",
        '"><img src=x onerror=alert(1)>',
        "\x00\x01 đảng\x00bộ",
        "%00%27",
        "\\'",
    ],
)
def test_any_query_gives_a_clear_page_never_an_error(client, reference, q):
    # A NUL is read as U+FFFD (newsroom/errors.py): that form of the address is the one kept.
    response = client.get(SEARCH, {"q": q}, follow=True)
    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert" not in content and "<img src=x" not in content
    assert "Tìm kiếm" in content
    if not parse_query(q):
        assert "Nhập từ khóa" in content


def test_a_long_query_is_cut_and_says_so(client, reference):
    response = client.get(SEARCH, {"q": "đảng bộ " + "x" * 1000})
    assert response.status_code == 200
    assert "Từ khóa quá dài" in response.content.decode()
    assert len(response.context["query"].text) == 200


def test_no_match_says_so(client, reference):
    content = client.get(SEARCH, {"q": "khủng long"}).content.decode()
    assert "Không tìm thấy bài viết nào cho “khủng long”" in content


def test_the_query_stays_in_the_search_box(client, reference):
    content = client.get(SEARCH, {"q": 'Đảng bộ "x"'}).content.decode()
    assert 'value="Đảng bộ &quot;x&quot;"' in content


def test_search_results_paginate_and_keep_the_query(client):
    for i in range(25):
        make_article(f"Đảng bộ xã số {i}")
    first = client.get(SEARCH, {"q": "dang bo"})
    assert len(first.context["articles"]) == 20
    assert "?q=dang+bo&amp;page=2" in first.content.decode()
    assert len(client.get(SEARCH, {"q": "dang bo", "page": 2}).context["articles"]) == 5
    for page in ["3", "0", "-1", "abc", "1.5", "9" * 30]:
        assert client.get(SEARCH, {"q": "dang bo", "page": page}).status_code == 404


def test_only_the_newest_matches_are_ranked_and_the_page_says_so(client, monkeypatch):
    monkeypatch.setattr(search_module, "MAX_RESULTS", 3)
    now = timezone.now()
    make_article("Đảng bộ xưa", published_at=now - timedelta(days=900))
    for i in range(3):
        make_article(f"Tin {i}", lead="Đảng bộ họp.", published_at=now - timedelta(days=i + 1))
    make_article("Không liên quan")
    response = client.get(SEARCH, {"q": "dang bo"})
    assert [story.title for story in response.context["articles"]] == ["Tin 0", "Tin 1", "Tin 2"]
    assert "Hiện 3 bài mới nhất có “dang bo”; thêm từ khóa" in response.content.decode()
    assert found(client, "dang bo xua") == ["Đảng bộ xưa"]


@pytest.mark.parametrize("n", [3, 30])
def test_search_page_query_count_is_fixed(client, django_assert_max_num_queries, n):
    for i in range(n):
        make_article(f"Đảng bộ phường {i}", tags=[f"Thẻ {i}"])
    # The menu, the results, their count, and the Tin nóng bar on a cold cache.
    with django_assert_max_num_queries(4):
        response = client.get(SEARCH, {"q": "đảng bộ"})
    assert response.context["paginator"].count == n


def test_parse_query_limits_words_and_keeps_accented_ones():
    query = parse_query("Bão  BÃO bao " + " ".join(f"w{i}" for i in range(20)))
    assert query.words[:2] == ("bao", "w0") and len(query.words) == 10
    assert query.accented == ("bão",)


@pytest.mark.postgres
def test_postgres_matches_through_the_full_text_index():
    for i in range(5):
        make_article(f"Đảng bộ tỉnh {i}")
    results = search(parse_query("đảng bộ"))
    matching = Article.objects.filter(VectorMatch(["dang", "bo"]))
    with connection.cursor() as cursor:
        # A handful of rows: keep the planner from walking some other index (the desk's list
        # indexes) with a filter, where a big table would take the search index anyway.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = matching.explain()
    assert "articles_article_search_idx" in plan
    assert [story.title for story in results[0:10]] == [f"Đảng bộ tỉnh {i}" for i in range(5)][::-1]


@pytest.mark.postgres
def test_the_vector_match_reads_its_own_row_inside_a_subquery():
    section = make_section()
    storm = make_article("Bão số ba", section=section)
    calm = make_article("Trời nắng đẹp", section=section)
    make_article("Trời mưa nhỏ")
    # The stories of a section holding a story about a storm: the storm's and its neighbour's.
    storm_beside = Article.objects.filter(VectorMatch(["bao"]), section=OuterRef("section"))
    assert set(Article.objects.filter(Exists(storm_beside))) == {storm, calm}
    matching = Article.objects.filter(VectorMatch(["bao"]))
    assert list(Section.objects.filter(articles__in=matching)) == [section]
    ranked = Article.objects.annotate(rank=VectorMatch(["bao"], rank=True)).order_by("-rank")
    assert ranked[0] == storm and ranked[0].rank > 0


def test_the_vector_match_is_for_stories_only():
    with pytest.raises(FieldError):
        list(Section.objects.filter(VectorMatch(["bao"])))


def test_the_vector_match_says_sqlite_has_no_vector():
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL has the vector")
    with pytest.raises(NotSupportedError):
        list(Article.objects.filter(VectorMatch(["bao"])))


@pytest.mark.postgres
def test_postgres_vector_weighs_the_title_with_unaccent():
    story = make_article("Điện Biên", lead="Mường Nhé")
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM articles_article WHERE id = %s", [story.pk])
        vector = cursor.fetchone()[0]
    assert "'dien':1A" in vector and "'muong':3B" in vector and "'điện':" in vector


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_reader_searches_from_the_header_without_diacritics(live_server, page):
    story = make_article("Làm theo Bác ở Đảng bộ Sở Nội vụ")
    make_article("Tin thể thao")
    page.goto(live_server.url + "/")
    page.get_by_label("Tìm kiếm").fill("dang bo")
    page.get_by_label("Tìm kiếm").press("Enter")
    assert "/tim-kiem/?q=dang+bo" in page.url
    assert page.locator("mark").all_inner_texts() == ["Đảng", "bộ"]
    page.get_by_role("link", name="Làm theo Bác ở Đảng bộ Sở Nội vụ").click()
    assert page.url.endswith(story.get_absolute_url())


@pytest.mark.parametrize("title", ["Năm 2015: 62/62 cán bộ", "Đón 3.000 khách", "Phòng covid-19"])
def test_numbers_and_joined_words_in_a_title_rank_as_title_matches(client, title):
    make_article("Tin mới", body=f"<p>{title}</p>", published_at=timezone.now())
    make_article(title, published_at=timezone.now() - timedelta(days=9))
    q = {
        "Năm 2015: 62/62 cán bộ": "62 can bo",
        "Đón 3.000 khách": "3.000",
        "Phòng covid-19": "covid 19",
    }
    assert found(client, q[title]) == [title, "Tin mới"]


def accent_free_matches_are_listed_under_their_own_line(client):
    now = timezone.now()
    make_article("Đăng kiểm xe cơ giới đường bộ", published_at=now - timedelta(hours=1))
    make_article("Đảng bộ huyện Tam Đường", published_at=now - timedelta(days=2))
    make_article("Đại hội Đảng bộ xã", published_at=now - timedelta(days=3))
    html = client.get(SEARCH, {"q": "đảng bộ"}).content.decode()
    exact, note, free = html.partition('class="accent-free-note"')
    assert note, "a line separates the accent-free matches"
    assert "khi bỏ dấu" in free.split("</h2>")[0]
    # (The matched words are highlighted: look for the others.)
    assert "Tam Đường" in exact and "Đại hội" in exact and "kiểm xe" not in exact
    assert "kiểm xe" in free
    # Typed without diacritics, every spelling is as good: one list, no line.
    html = client.get(SEARCH, {"q": "dang bo"}).content.decode()
    assert 'class="accent-free-note"' not in html and "kiểm xe" in html
    # Every match exact: no line either.
    html = client.get(SEARCH, {"q": "tam đường"}).content.decode()
    assert 'class="accent-free-note"' not in html and "huyện" in html


def test_accent_free_matches_are_listed_under_their_own_line(client):
    accent_free_matches_are_listed_under_their_own_line(client)


@pytest.mark.postgres
def test_accent_free_matches_are_listed_under_their_own_line_on_postgres(client):
    accent_free_matches_are_listed_under_their_own_line(client)


def test_a_later_page_of_accent_free_matches_starts_with_the_line(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    now = timezone.now()
    make_article("Đảng bộ tỉnh", published_at=now - timedelta(days=5))
    for i in range(3):
        make_article(f"Đăng ký bộ hồ sơ {i}", published_at=now - timedelta(hours=i))
    first = client.get(SEARCH, {"q": "đảng bộ"}).content.decode()
    assert first.index("tỉnh</a>") < first.index('class="accent-free-note"')
    second = client.get(SEARCH, {"q": "đảng bộ", "page": 2}).content.decode()
    assert 'class="accent-free-note"' in second and "tỉnh</a>" not in second
    assert second.index('class="accent-free-note"') < second.index("hồ sơ")


PLACEHOLDER_FITS = """() => {
  const input = document.querySelector("#o-tim-kiem");
  const style = getComputedStyle(input);
  const context = document.createElement("canvas").getContext("2d");
  context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return {text: context.measureText(input.placeholder).width, room: room};
}"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [390, 1280])
def test_search_placeholder_is_not_cut_off(live_server, page, width):
    make_article("Tin thể thao")
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + "/")
    fit = page.evaluate(PLACEHOLDER_FITS)
    assert fit["text"] <= fit["room"], fit
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")


def exact_spelling_in_the_body_only_is_not_called_accent_free(client):
    make_article(
        "Chợ phiên vùng cao",
        lead="Phiên chợ họp sáng chủ nhật.",
        body="<p>Người dân huyện Sìn Hồ đi chợ từ sớm.</p>",
    )
    html = client.get(SEARCH, {"q": "sìn"}).content.decode()
    assert "Chợ phiên vùng cao" in html
    assert 'class="accent-free-note"' not in html


def test_exact_spelling_in_the_body_only_is_not_called_accent_free(client):
    exact_spelling_in_the_body_only_is_not_called_accent_free(client)


@pytest.mark.postgres
def test_exact_spelling_in_the_body_only_is_not_called_accent_free_on_postgres(client):
    exact_spelling_in_the_body_only_is_not_called_accent_free(client)


def test_a_snippet_keeps_paragraphs_apart_and_their_words_do_not_join(client):
    make_article(
        "Tin trong ngày",
        lead="Tóm tắt không liên quan.",
        body="<p>Bản làng chìm trong mờ sương.</p><p>Người Mông xuống chợ</p><ul><li>gạo</li>"
        "<li>ngô</li></ul>",
    )
    content = client.get(SEARCH, {"q": "nguoi mong"}).content.decode()
    assert "mờ sương. <mark>Người</mark> <mark>Mông</mark>" in content
    assert found(client, "cho gao") == ["Tin trong ngày"]
    assert found(client, "chogao") == []
