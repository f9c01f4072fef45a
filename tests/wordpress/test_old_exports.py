"""A WXR 1.0 export (2009): tags as domain="tag", no term ids, an item of no type."""

import pytest

from articles.models import Article, Section
from wordpress.models import OldLink

from .conftest import FIXTURES, run_import

pytestmark = pytest.mark.django_db
WXR10 = FIXTURES / "wxr10.xml"


def test_wxr_1_0_tags_are_tags(db):
    run_import(WXR10)
    story = Article.objects.get(title="Tin mùa xuân 2009")
    assert sorted(story.tags.values_list("name", flat=True)) == ["lúa non", "mùa xuân"]
    assert story.section.name == "Alpha"


def test_no_old_link_row_that_no_request_can_match(db, client):
    run_import(WXR10)
    assert not OldLink.objects.filter(path__startswith="/?cat=slug:").exists()
    assert client.get("/category/alpha/")["Location"] == "/chuyen-muc/alpha/"


def test_an_item_without_a_type_is_skipped_and_counted_with_its_comments(db):
    output = run_import(WXR10)
    assert not Article.objects.filter(title="Mục không có loại").exists()
    assert "Bài viết: 1 × thiếu loại (wp:post_type)" in output
    assert "Bình luận: 1 × bình luận của mục không rõ loại" in output


def test_a_category_in_a_script_our_slugs_cannot_spell_keeps_wordpress_s_nicename(db):
    run_import(WXR10)
    section = Section.objects.get(name="新聞")
    assert section.slug == "e6-96-b0-e8-81-9e"
    assert Article.objects.get(title="Tin bằng chữ Hán").section == section
