"""Two WordPress.com blogs into one paper, and WordPress.com's pictures."""

import pytest
from PIL import Image as PILImage

from articles.models import Article, Image, Section
from wordpress.models import ImportedItem, OldLink

from .conftest import FIXTURES, run_import

pytestmark = pytest.mark.django_db
BLOG_A, BLOG_B = FIXTURES / "wpcom_a.xml", FIXTURES / "wpcom_b.xml"


@pytest.fixture
def wpcom_uploads(tmp_path):
    """A copy of blog A's files: hoa-ban.jpg only (suoi.jpg and khong-co.png are missing)."""
    root = tmp_path / "wpcom"
    (root / "2025/01").mkdir(parents=True)
    PILImage.new("RGB", (800, 500), (30, 120, 200)).save(root / "2025/01/hoa-ban.jpg")
    return root


def test_two_wordpress_com_blogs_keep_their_own_stories_links_and_sections(db, client):
    run_import(BLOG_A)
    output = run_import(BLOG_B)
    assert "Bài viết: 1 tạo mới" in output and "cập nhật" not in output
    a = Article.objects.get(title="Bài tám của blog A")
    b = Article.objects.get(title="Bài tám của blog B")
    assert a.section.name == "Uncategorized" and b.section.name == "Thể thao"
    assert client.get("/2025/01/02/bai-tam")["Location"] == a.get_absolute_url()
    assert client.get("/2025/02/03/bai-tam-b")["Location"] == b.get_absolute_url()
    # Both blogs had /?p=8: the first keeps it, the second is told, nothing moves silently.
    assert client.get("/?p=8")["Location"] == a.get_absolute_url()
    assert "/?p=8 đã dẫn tới nội dung khác" in output
    # Term #7 is "Làng bản" on A and "Thể thao" on B: neither renames the other.
    assert Section.objects.filter(name="Làng bản").exists()
    sites = set(ImportedItem.objects.values_list("site", flat=True))
    assert sites == {"bloga.wordpress.com", "blogb.wordpress.com"}


def test_rows_of_an_import_keyed_the_old_way_are_found_again(db):
    run_import(BLOG_A)
    # As an import before base_blog_url was read left them.
    ImportedItem.objects.update(site="wordpress.com")
    output = run_import(BLOG_A)
    assert "Bài viết: 1 không đổi" in output and "tạo mới" not in output
    assert Article.objects.count() == 1
    assert set(ImportedItem.objects.values_list("site", flat=True)) == {"bloga.wordpress.com"}
    run_import(BLOG_B)  # B's post #8 is not A's old row
    assert Article.objects.count() == 2


def test_wordpress_com_pictures_come_in_and_their_links_become_our_copy(db, wpcom_uploads):
    output = run_import(BLOG_A, "--media-dir", str(wpcom_uploads))
    assert Image.objects.count() == 1  # hoa-ban.jpg, by its absolute server path
    ours = Image.objects.get().file.url
    body = Article.objects.get().body
    assert "files.wordpress.com" not in body and "wp.com" not in body
    assert body.count(ours) == 3  # the link, the ?w=300 copy and the -300x200 copy
    # suoi.jpg is not in the copy: no empty frame, its caption kept as text, named.
    assert "suoi.jpg" not in body and "<p>Suối mùa khô</p>" in body
    assert "khong-co.png" not in body
    assert "suoi.jpg" in output and "khong-co.png" in output
    assert "ảnh không nhập được, đã bỏ khỏi bài: suoi.jpg, khong-co.png" in output
    assert "không phải ảnh" not in output


def test_every_picture_of_a_story_is_served_from_here(db, wpcom_uploads, client):
    run_import(BLOG_A, "--media-dir", str(wpcom_uploads))
    page = client.get(Article.objects.get().get_absolute_url()).content.decode()
    assert "wordpress.com/" not in page.split("<body", 1)[1].split("</article>")[0]
    assert OldLink.objects.filter(path="/?p=8").exists()


def test_a_dry_run_judges_pictures_as_the_real_run(db, wpcom_uploads):
    output = run_import(BLOG_A, "--media-dir", str(wpcom_uploads), "--dry-run")
    assert "ảnh không nhập được, đã bỏ khỏi bài: suoi.jpg, khong-co.png" in output
    assert not Image.objects.exists()
