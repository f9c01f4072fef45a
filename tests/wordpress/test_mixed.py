"""Guids naming other posts, markup we lack, dateless comments, skipped items' comments."""

import re

import pytest
from PIL import Image as PILImage

from articles.models import Article
from comments.models import Comment

from .conftest import FIXTURES, run_import
from .test_import import snapshot

pytestmark = pytest.mark.django_db
MIXED = FIXTURES / "mixed.xml"


@pytest.fixture
def mixed_uploads(tmp_path):
    root = tmp_path / "honhop"
    (root / "2020/05").mkdir(parents=True)
    PILImage.new("RGB", (640, 400), (90, 160, 60)).save(root / "2020/05/ruong.jpg")
    return root


@pytest.fixture
def mixed(db, mixed_uploads):
    return run_import(MIXED, "--media-dir", str(mixed_uploads))


def story(title: str) -> Article:
    return Article.objects.get(title=title)


def test_a_post_s_own_id_wins_over_another_post_s_guid(mixed, client):
    assert client.get("/?p=11")["Location"] == story("Bài gốc mười một").get_absolute_url()
    assert client.get("/?p=10")["Location"] == story("Bài nhân bản").get_absolute_url()


def test_headings_map_to_ours_and_code_keeps_its_lines(mixed):
    body = story("Bài có mã và tiêu đề").body
    assert "<h2>Tiêu đề lớn</h2>" in body
    assert "<h4>Nhỏ năm</h4>" in body and "<h4>Nhỏ sáu</h4>" in body
    assert "<pre>dòng một\n    dòng hai thụt vào\ndòng ba</pre>" in body
    assert "<code>ls -la</code>" in body
    assert "<p>Thuật ngữ</p>" in body and "<p>Định nghĩa của nó.</p>" in body
    assert "<p>Số 1 đường Lê Lợi</p>" in body
    assert "thẻ <dl>, <address> không có ở đây: chỉ giữ chữ" in mixed


def test_a_second_run_of_the_file_writes_nothing(mixed, mixed_uploads):
    before = snapshot()
    again = run_import(MIXED, "--media-dir", str(mixed_uploads))
    assert snapshot() == before
    assert "tạo mới" not in again and "cập nhật" not in again


def test_a_dateless_comment_on_a_story_without_a_date_keeps_its_date(mixed, mixed_uploads):
    comment = Comment.objects.get(body="Không có ngày.")
    run_import(MIXED, "--media-dir", str(mixed_uploads))
    assert Comment.objects.get(pk=comment.pk).created_at == comment.created_at


def test_old_links_of_stories_not_public_are_404(mixed, client):
    assert client.get("/?p=16").status_code == 404  # a draft
    assert client.get("/?p=17").status_code == 404  # scheduled
    assert client.get("/?p=999").status_code != 404  # not ours: the home page's


def test_comments_of_skipped_items_are_counted(mixed):
    assert "Bình luận: 2 × bình luận của mục bỏ qua (trang (page) không nhập)" in mixed
    assert "Bình luận: 1 × bình luận của bài bỏ qua (trong thùng rác)" in mixed


def test_a_gallery_warning_names_each_missing_picture_once(mixed):
    assert "bộ ảnh thiếu ảnh #98, #99" in mixed
    assert mixed.count("#98") == 1


def test_a_post_that_is_one_captioned_picture_has_no_caption_for_a_lead(mixed):
    picture = story("Một bức ảnh")
    assert "Ruộng bậc thang mùa lúa" in picture.body
    assert picture.lead == ""


def test_every_item_and_comment_is_in_exactly_one_line(mixed):
    summary = {}
    for line in mixed.splitlines():
        if line.startswith("== Bỏ qua"):
            break
        if m := re.match(r"^(Bài viết|Bình luận|Ảnh): (.*)$", line):
            summary[m.group(1)] = sum(int(n) for n in re.findall(r"(\d+) ", m.group(2)))
    text = MIXED.read_text(encoding="utf-8")
    assert summary["Ảnh"] == text.count("<wp:post_type>attachment")
    assert summary["Bài viết"] == text.count("<item>") - summary["Ảnh"]
    assert summary["Bình luận"] == text.count("<wp:comment>")
    lines = mixed.splitlines()
    assert lines.index("== Bỏ qua") < next(
        i for i, x in enumerate(lines) if x.startswith("== Cảnh báo")
    )


def test_every_public_story_has_its_archive_record_and_a_rerun_adds_none(
    db, mixed_uploads, django_capture_on_commit_callbacks
):
    from archive.models import ArchiveRecord
    from archive.receivers import public_version
    from articles import events

    with django_capture_on_commit_callbacks(execute=True):
        run_import(MIXED, "--media-dir", str(mixed_uploads))
    public = {a.pk for a in Article.objects.all() if a.is_public}
    assert set(ArchiveRecord.objects.values_list("story_id", flat=True)) == public
    assert all(r.status == 200 for r in ArchiveRecord.objects.all())
    with django_capture_on_commit_callbacks(execute=True):
        run_import(MIXED, "--media-dir", str(mixed_uploads))
    assert ArchiveRecord.objects.count() == len(public)
    # The archive listens again once the import is over.
    assert public_version in [r[1]() for r in events.public_version.receivers]
