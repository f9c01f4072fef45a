"""The command on the Vietnamese test export: what maps to what, re-runs, dry runs."""

from datetime import UTC, datetime

import pytest
from django.core.management import CommandError

from articles.models import Article, Image, Section, Tag
from comments.models import Comment
from wordpress.models import ImportedItem, OldLink

from .conftest import EXPORT, run_import

pytestmark = pytest.mark.django_db


def story(title_start: str) -> Article:
    return Article.objects.get(title__startswith=title_start)


def snapshot() -> dict:
    """Everything an import writes, as comparable values."""
    return {
        "articles": list(Article.objects.order_by("pk").values()),
        "comments": list(Comment.objects.order_by("pk").values()),
        "sections": list(Section.objects.order_by("pk").values()),
        "tags": list(Tag.objects.order_by("pk").values()),
        "images": list(Image.objects.order_by("pk").values()),
        "links": list(OldLink.objects.order_by("pk").values()),
        "items": list(ImportedItem.objects.order_by("pk").values("pk", "object_id", "digest")),
    }


def test_posts_become_stories_with_their_status_and_dates(imported):
    assert Article.objects.count() == 9
    published = story("Mùa lúa chín")
    assert published.status == Article.Status.PUBLISHED
    assert published.published_at == datetime(2015, 3, 17, 1, 30, tzinfo=UTC)
    scheduled = story("Lễ hội Then Kin Pang")
    assert scheduled.is_scheduled
    assert story("Ghi chép nội bộ").status == Article.Status.UNPUBLISHED
    assert story("Chờ biên tập").status == Article.Status.PENDING
    draft = story("Bài trống")
    assert (draft.status, draft.published_at, draft.body) == (Article.Status.DRAFT, None, "")
    # No GMT date: the local date is read in the site's zone (UTC+7).
    assert story("Đảng bộ").published_at == datetime(2015, 3, 23, 1, 0, tzinfo=UTC)


def test_titles_lose_markup_and_entities_and_an_empty_title_gets_the_text(imported):
    assert story("Đảng bộ").title == "Đảng bộ & nhân dân – một lòng"
    untitled = Article.objects.get(slug__startswith="cho-phien-sin-ho")
    assert untitled.title.startswith("Chợ phiên Sìn Hồ họp mỗi sáng")
    assert "bài không có tiêu đề" in imported


def test_body_gets_paragraphs_figures_and_our_copy_of_pictures(imported):
    body = story("Mùa lúa chín").body
    assert body.startswith('<figure data-image-id="')  # its first paragraph is the lead
    assert "<p>Năm nay năng suất" in body and "<p>Xem <a href=" in body
    assert "cặp dấu ngoặc ]]&gt; vẫn còn" in body  # CDATA split around "]]>"
    assert "<figcaption>Lúa chín ở <em>Tam Đường</em></figcaption>" in body
    assert body.count("<figure") == 3  # one caption, a gallery of two
    assert "baocu.example.vn" not in body  # every picture link is our copy
    assert 'href="/media/images/' in body
    assert "<script" not in body and "alert" not in body
    assert "[caption" not in body and "[gallery" not in body


def test_other_shortcodes_are_removed_and_reported(imported):
    body = story("Họp báo").body
    assert "[youtube" not in body and "[embed" not in body
    assert "Chú thích [1] và [gallery] giữ nguyên." in body  # not shortcodes, or escaped
    assert "[embed], [youtube]" in imported


def test_lead_is_the_excerpt_or_the_first_paragraph(imported):
    assert story("Họp báo").lead == "Tóm tắt họp báo & giá điện."
    no_excerpt = story("Mùa lúa chín")
    assert no_excerpt.lead == (
        "Những ngày này, đồng lúa Tam Đường chín vàng & thơm mùi cốm. Bà con tất bật thu hoạch."
    )
    assert "Những ngày này" not in no_excerpt.body  # shown once, as the lead
    one_paragraph = story("Lễ hội Then Kin Pang")
    assert one_paragraph.lead == "Lễ hội sẽ diễn ra vào mùa xuân."
    assert one_paragraph.body == "<p>Lễ hội sẽ diễn ra vào mùa xuân.</p>"  # nothing lost


def test_author_display_name_is_the_byline(imported):
    assert story("Mùa lúa chín").byline == "Thu Hà"
    assert story("Họp báo").byline == "khach"  # no wp:author entry: the login


def test_categories_nest_to_our_one_level_and_tags_follow(imported):
    thoi_su = Section.objects.get(name="Thời sự")
    assert thoi_su.parent is None
    assert Section.objects.get(name="Địa phương").parent == thoi_su
    # Three levels deep in WordPress: a subsection of its top-level section here.
    assert Section.objects.get(name="Tam Đường").parent == thoi_su
    assert Section.objects.get(name="Tam Đường").slug == "tam-duong"
    assert story("Mùa lúa chín").section.name == "Tam Đường"
    assert sorted(t.name for t in story("Mùa lúa chín").tags.all()) == ["Lai Châu", "Nông nghiệp"]
    assert Tag.objects.get(name="Giá điện").slug == "gia-dien"
    assert " nong nghiep " in story("Mùa lúa chín").search_text  # search finds it by its tags
    assert story("Ghi chép nội bộ").section.name == "Chưa phân loại"


def test_pictures_hero_and_missing_file(imported):
    assert Image.objects.count() == 2
    hero = story("Mùa lúa chín").hero_image
    assert hero.alt_text == "Ruộng lúa chín vàng" and hero.width == 900
    assert hero.renditions_ready and hero.w480.url  # renditions, as for an admin upload
    assert "2015/04/mat-tich.jpg" in imported and "không tìm thấy tệp ảnh" in imported
    assert story("Bài có mật khẩu").hero_image is None


def test_sticky_is_featured_password_is_unpublished(imported):
    assert story("Mùa lúa chín").featured
    assert not story("Họp báo").featured
    assert story("Bài có mật khẩu").status == Article.Status.UNPUBLISHED
    assert "bài có mật khẩu" in imported


def test_comments_keep_threads_statuses_and_counts(imported):
    article = story("Mùa lúa chín")
    first = Comment.objects.get(name="Nguyễn Văn An")
    assert (first.email, first.ip_address, first.parent) == ("an@example.vn", "203.0.113.5", None)
    assert first.body == "Quê tôi đẹp quá!\nCảm ơn báo & phóng viên."
    assert first.created_at == datetime(2015, 3, 17, 2, 0, tzinfo=UTC)
    # A reply to a reply joins the top-level thread.
    assert Comment.objects.get(name="Lò Thị Bình").parent == first
    assert Comment.objects.get(name="Trần Cường").parent == first
    statuses = dict(Comment.objects.values_list("name", "status"))
    assert statuses["Quảng cáo"] == Comment.Status.SPAM
    assert statuses["Người xóa"] == Comment.Status.REJECTED
    assert statuses["Chờ duyệt"] == Comment.Status.PENDING
    assert not Comment.objects.filter(name="Blog khác").exists()  # pingback
    assert "pingback/trackback" in imported
    assert article.comment_count == 3


def test_closed_comments_are_kept_but_take_no_new_ones(imported):
    closed = story("Họp báo")
    assert not closed.allow_comments
    assert closed.comments.count() == 1 and closed.comment_count == 1


def test_pages_menus_attachments_and_broken_items_are_not_stories(imported):
    assert not Article.objects.filter(title__in=["Giới thiệu", "Trang chủ", "Lúa chín vàng"])
    assert "trang (page) không nhập" in imported
    assert "mục hỏng" in imported and "Mục hỏng" in imported


def test_second_run_changes_nothing(imported, uploads):
    before = snapshot()
    output = run_import(EXPORT, "--media-dir", str(uploads))
    assert snapshot() == before
    assert "Bài viết: 9 không đổi" in output and "tạo mới" not in output


def test_changed_export_updates_what_changed(imported, uploads, tmp_path):
    changed = tmp_path / "changed.xml"
    text = EXPORT.read_text(encoding="utf-8")
    text = text.replace("Mùa lúa chín ở Tam Đường</title>", "Mùa vàng ở Tam Đường</title>")
    text = text.replace("Đồng ý với anh An.", "Đồng ý với anh An, sửa lại.")
    text = text.replace(
        "<![CDATA[Kinh tế]]></wp:cat_name>", "<![CDATA[Kinh tế - Tài chính]]></wp:cat_name>"
    )
    section = Section.objects.get(name="Kinh tế")
    changed.write_text(text, encoding="utf-8")
    old_url = story("Mùa lúa chín").get_absolute_url()
    output = run_import(changed, "--media-dir", str(uploads))
    assert Article.objects.count() == 9 and Comment.objects.count() == 7
    updated = story("Mùa vàng")
    assert updated.get_absolute_url() == old_url  # the slug stays: links keep working
    assert Comment.objects.filter(body="Đồng ý với anh An, sửa lại.").exists()
    assert "Bài viết: 1 cập nhật, 8 không đổi" in output
    section.refresh_from_db()
    assert section.name == "Kinh tế - Tài chính" and Section.objects.count() == 5
    assert "Chuyên mục: 1 cập nhật, 3 không đổi" in output


def test_dry_run_writes_nothing(db, uploads, settings):
    output = run_import(EXPORT, "--media-dir", str(uploads), "--dry-run")
    assert "chạy thử" in output and "Bài viết: 9 tạo mới" in output
    assert not Article.objects.exists() and not Section.objects.exists()
    assert not ImportedItem.objects.exists() and not OldLink.objects.exists()
    assert not (settings.MEDIA_ROOT / "images").exists()


def test_a_file_with_nothing_importable_exits_non_zero(db, tmp_path):
    only_pages = tmp_path / "pages.xml"
    text = EXPORT.read_text(encoding="utf-8")
    only_pages.write_text(
        text.replace(
            "<wp:post_type>post</wp:post_type>", "<wp:post_type>page</wp:post_type>"
        ).replace(
            "<wp:post_type><![CDATA[post]]></wp:post_type>", "<wp:post_type>page</wp:post_type>"
        ),
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="Không nhập được bài viết nào"):
        run_import(only_pages)


def test_corner_cases_of_a_wordpress_com_export(db, client):
    """https namespaces, block-editor posts, 4-level categories, a 10-deep thread, long titles."""
    output = run_import(EXPORT.parent / "corners.xml")
    block = story("Bài soạn bằng trình soạn khối")
    assert block.body == "<p>Đoạn một của khối.</p>\n\n<p>Đoạn hai.</p>"
    assert block.lead == "Tóm tắt theo không gian tên https."
    assert block.section.name == "Cấp 4" and block.section.parent.name == "Cấp 1"
    assert Section.objects.get(name="Không khai báo").parent is None
    replies = Comment.objects.filter(parent__isnull=False)
    assert replies.count() == 9 and {c.parent.name for c in replies} == {"Người 1"}
    assert block.comment_count == 10
    long = Article.objects.get(title__startswith="Tiêu đề rất dài")
    assert len(long.title) <= 250
    assert "<!--" not in long.body and "<p></p>" not in long.body
    assert "Trang hai." in long.body
    assert Tag.objects.get(name__startswith="~`!@#").slug
    assert "khối tái sử dụng" not in output.lower()
    assert "loại “wp_block” không phải bài" in output
    for article in Article.objects.all():
        assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get("/2015/01/khoi/")["Location"] == block.get_absolute_url()


def test_a_story_that_fails_to_write_is_skipped_whole_and_the_rest_goes_in(
    db, uploads, monkeypatch
):
    from wordpress.importer import writer

    original = writer.write_comments

    def failing(site, article, comments, report):
        original(site, article, comments, report)
        # The second is the first story in no category: the fallback section must outlive it.
        if article.title.startswith(("Mùa lúa chín", "Bài trống")):
            raise RuntimeError("đĩa đầy")

    monkeypatch.setattr(writer, "write_comments", failing)
    output = run_import(EXPORT, "--media-dir", str(uploads))
    assert not Article.objects.filter(title__startswith="Mùa lúa chín").exists()
    assert not Comment.objects.filter(name="Nguyễn Văn An").exists()  # nothing half-imported
    assert not ImportedItem.objects.filter(kind="post", wp_id="100").exists()
    assert not OldLink.objects.filter(path="/?p=100").exists()
    assert Article.objects.count() == 7
    assert story("Ghi chép nội bộ").section.name == "Chưa phân loại"
    assert "Bài #100: không nhập được (RuntimeError)" in output
    monkeypatch.setattr(writer, "write_comments", original)
    run_import(EXPORT, "--media-dir", str(uploads))  # the next run brings it in
    assert story("Mùa lúa chín").comment_count == 3


def test_progress_is_counted_on_a_terminal(db, uploads):
    from io import StringIO

    from django.core.management import call_command

    class Terminal(StringIO):
        def isatty(self):
            return True

    out = Terminal()
    call_command("import_wordpress", str(EXPORT), "--media-dir", str(uploads), stdout=out)
    assert "\rĐã xử lý 10/10 bài" in out.getvalue()  # 9 posts and the broken item


def test_a_story_taken_down_on_request_is_not_brought_back_by_an_import(
    imported, uploads, tmp_path
):
    taken = story("Mùa lúa chín")
    Article.objects.filter(pk=taken.pk).update(status=Article.Status.TAKEN_DOWN)
    changed = tmp_path / "changed.xml"
    text = EXPORT.read_text(encoding="utf-8")
    changed.write_text(
        text.replace("Mùa lúa chín ở Tam Đường</title>", "Mùa vàng ở Tam Đường</title>"),
        encoding="utf-8",
    )
    run_import(changed, "--media-dir", str(uploads))
    taken.refresh_from_db()
    assert taken.status == Article.Status.TAKEN_DOWN
    assert taken.title.startswith("Mùa lúa chín")
