"""Whatever a newsroom types into a slug or a text field, every reader page keeps answering."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command

from articles.models import Article, Section, Tag
from tests.articles.desk_forms import change_url, form_data
from tests.desk_users import editor
from tests.factories import make_article, make_comment, make_image, make_section

pytestmark = pytest.mark.django_db

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
BAD_SLUGS = ["J1_Slug", "Slug_Hoa", "ĐẢNG-bộ", "đường điện biên", "hai  tu ", "", "___", "Mường-Tè"]


def reader_pages(article: Article) -> list[str]:
    section, tag = article.section, article.tags.first()
    pages = [
        "/",
        section.get_absolute_url(),
        f"{section.get_absolute_url()}rss/",
        "/rss/",
        "/sitemap.xml",
        "/sitemap-news.xml",
        "/sitemap-bai-viet.xml",
        "/sitemap-chuyen-muc.xml",
        "/sitemap-the.xml",
        "/robots.txt",
        f"/tim-kiem/?q={article.title.split()[0]}",
        article.get_absolute_url(),
    ]
    if tag is not None:
        pages.append(tag.get_absolute_url())
    return pages


def assert_every_reader_page_answers(client, article: Article) -> None:
    for url in reader_pages(article):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)


@pytest.mark.parametrize("typed", BAD_SLUGS)
def test_any_slug_given_to_the_model_is_stored_reversible(client, typed):
    section = make_section("Văn hóa", slug=typed)
    article = make_article("Lễ hội Mường Tè", section=section, slug=typed, tags=["Du lịch"])
    tag = Tag.objects.get()
    tag.slug = typed
    tag.save()

    for obj in (section, article, tag):
        obj.refresh_from_db()
        assert SLUG.match(obj.slug), (type(obj).__name__, obj.slug)
    assert_every_reader_page_answers(client, article)


@pytest.mark.parametrize("typed", ["Slug_Hoa", "ĐẢNG-bộ", "hai  tu"])
def test_a_slug_typed_in_the_admin_is_normalised_on_save(client, typed):
    client.force_login(editor())
    article = make_article("Lễ hội Mường Tè", tags=["Du lịch"])
    response = client.post(change_url(article), form_data(article, slug=typed))
    assert response.status_code in (200, 302)
    article.refresh_from_db()
    assert SLUG.match(article.slug), article.slug
    assert_every_reader_page_answers(client, article)


def test_a_unicode_tag_slug_set_in_the_admin_keeps_the_story_and_old_link_working(client):
    client.force_login(editor())
    article = make_article("Đảng bộ tỉnh họp", tags=["Đảng bộ"])
    tag = Tag.objects.get()
    old_url = tag.get_absolute_url()
    response = client.post(
        f"/admin/articles/tag/{tag.pk}/change/", {"name": "Đảng bộ", "slug": "đảng-bộ-mới"}
    )
    assert response.status_code == 302
    tag.refresh_from_db()
    assert tag.slug == "dang-bo-moi"
    assert client.get(old_url).status_code == 301
    assert client.get(old_url, follow=True).status_code == 200
    assert_every_reader_page_answers(client, article)


def test_a_clashing_normalised_slug_gets_a_suffix_instead_of_an_error():
    make_section("Văn hóa")
    other = make_section("Văn hoá khác", slug="Van_Hoa")
    assert other.slug == "van-hoa-2"


def test_loaddata_rows_are_normalised_too(tmp_path):
    section = make_section("Xã hội")
    fixture = tmp_path / "rows.json"
    fixture.write_text(
        '[{"model": "articles.section", "pk": 900, "fields": {"name": "Thể\\u000bthao",'
        ' "slug": "The_Thao", "parent": null, "position": 0}}]',
        encoding="utf-8",
    )
    call_command("loaddata", str(fixture), verbosity=0)
    loaded = Section.objects.get(pk=900)
    assert loaded.slug == "the-thao"
    assert loaded.name == "Thể thao"
    assert section.slug == "xa-hoi"


CONTROL = "\x0b\x00\x1b\x7f\x85\u202e"
# Tags are looked up by name before they are saved, and PostgreSQL refuses a NUL in any query
# (the admin's tag field refuses one with a message first): tags get the other controls.
TAG_CONTROL = CONTROL.replace("\x00", "")


def test_control_characters_are_stripped_from_every_text_field():
    section = make_section(f"Thời{CONTROL}sự")
    picture = make_image(alt_text=f"Ảnh{CONTROL} đẹp")
    picture.caption = f"Chú{CONTROL}thích"
    picture.save()
    article = make_article(
        f"Tin{CONTROL}nóng",
        section=section,
        lead=f"Sapo{CONTROL}.",
        byline=f"T.{CONTROL}Hùng",
        body=f"<p>Đoạn{CONTROL}một.</p>",
        tags=[f"Bão{TAG_CONTROL}lũ"],
    )
    comment = make_comment(article, name=f"An{CONTROL}", body=f"Hay{CONTROL}quá")
    texts = [
        section.name,
        picture.alt_text,
        picture.caption,
        article.title,
        article.lead,
        article.byline,
        article.body,
        article.tags.get().name,
        comment.name,
        comment.body,
    ]
    for text in texts:
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]", text), text
    # Word's line break separates words rather than gluing them.
    assert article.title == "Tin nóng"


def test_feeds_and_sitemaps_stay_well_formed_xml_with_a_pasted_control_character(client):
    article = make_article(f"Tin{CONTROL}nóng", lead=f"Sapo{CONTROL}", tags=[f"Lũ{TAG_CONTROL}"])
    for url in [
        "/rss/",
        f"{article.section.get_absolute_url()}rss/",
        "/sitemap.xml",
        "/sitemap-news.xml",
        "/sitemap-bai-viet.xml",
        "/sitemap-the.xml",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        ET.fromstring(response.content)
