import unicodedata
from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from articles.models import Article, Section, Tag
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def test_article_slug_follows_the_vietnamese_rule():
    article = make_article("Làm theo Bác ở Đảng bộ Sở Nội vụ")
    assert article.slug == "lam-theo-bac-o-dang-bo-so-noi-vu"
    assert "lam-theo-bac-o-dang-bo-so-noi-vu" in article.get_absolute_url()


def test_same_title_gets_a_distinct_slug():
    first = make_article("Đường Điện Biên Phủ")
    second = make_article("Đường Điện Biên Phủ")
    assert first.slug == "duong-dien-bien-phu"
    assert second.slug == "duong-dien-bien-phu-2"


def test_title_of_only_punctuation_still_gets_a_usable_slug():
    article = make_article("!!! ??? …")
    assert article.slug == "bai-viet"
    assert article.get_absolute_url().startswith("/bai-viet/bai-viet-")


def test_slug_is_kept_when_the_title_changes():
    article = make_article("Tiêu đề cũ")
    article.title = "Tiêu đề mới"
    article.save()
    assert article.slug == "tieu-de-cu"


def test_section_and_tag_slugs_follow_the_vietnamese_rule():
    section = make_section("Quốc phòng - An ninh")
    article = make_article(section=section, tags=["Đảng bộ", "ĐIỆN BIÊN"])
    assert section.slug == "quoc-phong-an-ninh"
    assert set(article.tags.values_list("slug", flat=True)) == {"dang-bo", "dien-bien"}


def test_tags_with_the_same_folded_slug_get_distinct_slugs():
    make_article(tags=["bão"])
    make_article(tags=["báo"])
    assert sorted(Tag.objects.values_list("slug", flat=True)) == ["bao", "bao-1"]


def test_text_is_stored_in_nfc():
    decomposed = unicodedata.normalize("NFD", "Thế giới Đảng bộ")
    article = make_article(decomposed, lead=decomposed, byline=decomposed)
    article.refresh_from_db()
    assert article.title == article.lead == article.byline == "Thế giới Đảng bộ"
    assert Article.objects.filter(title="Thế giới Đảng bộ").exists()


def test_body_is_sanitised_on_save():
    article = make_article(body='<p onclick="x()">Tin</p><script>alert(1)</script>')
    article.refresh_from_db()
    assert article.body == "<p>Tin</p>"


def test_lead_is_prefixed_with_the_site_code_by_default(settings):
    settings.SITE_CODE = "LCĐT"
    article = make_article(lead="Nội dung sapo.")
    assert article.lead_with_code == "(LCĐT) - Nội dung sapo."


def test_story_may_carry_another_source_code_or_none():
    assert make_article(lead="A.", source_code="TTXVN").lead_with_code == "(TTXVN) - A."
    assert make_article(lead="A.", source_code="").lead_with_code == "A."


def test_published_needs_a_publish_time_at_database_level():
    article = make_article()
    with pytest.raises(IntegrityError):
        Article.objects.filter(pk=article.pk).update(published_at=None)


def test_publishing_without_a_time_stamps_now():
    article = make_article(status=Article.Status.DRAFT)
    article.status = Article.Status.PUBLISHED
    article.save()
    assert article.published_at is not None
    assert article.is_public


@pytest.mark.parametrize(
    ("status", "offset", "public"),
    [
        (Article.Status.PUBLISHED, timedelta(minutes=-1), True),
        (Article.Status.PUBLISHED, timedelta(minutes=5), False),
        (Article.Status.DRAFT, timedelta(minutes=-1), False),
        (Article.Status.PENDING, timedelta(minutes=-1), False),
        (Article.Status.UNPUBLISHED, timedelta(minutes=-1), False),
    ],
)
def test_published_is_the_one_definition_of_public(status, offset, public):
    article = make_article(status=status, published_at=timezone.now() + offset)
    assert (article in Article.objects.published()) is public
    assert article.is_public is public


def test_scheduled_story_goes_public_by_itself(time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    article = make_article(published_at=timezone.now() + timedelta(hours=2))
    assert article.is_scheduled
    assert not Article.objects.published().exists()
    time_machine.shift(timedelta(hours=2, seconds=1))
    assert list(Article.objects.published()) == [article]


def test_section_str_shows_its_parent():
    parent = make_section("Chính trị")
    child = Section.objects.create(name="Học tập, làm theo Bác", parent=parent)
    assert str(child) == "Chính trị › Học tập, làm theo Bác"
