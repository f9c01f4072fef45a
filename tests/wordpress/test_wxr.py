"""Bad files are refused with a clear message and nothing written."""

import pytest
from django.core.management import CommandError

from articles.models import Article, Section
from wordpress.models import ImportedItem, OldLink

from .conftest import EXPORT, run_import

pytestmark = pytest.mark.django_db


def refused(path, *args) -> str:
    with pytest.raises(CommandError) as error:
        run_import(path, *args)
    assert not Article.objects.exists() and not Section.objects.exists()
    assert not ImportedItem.objects.exists() and not OldLink.objects.exists()
    return str(error.value)


def test_not_xml_is_refused(tmp_path):
    path = tmp_path / "anh.xml"
    path.write_bytes(b"\xff\xd8\xff\xe0 not xml at all")
    assert "không phải XML" in refused(path)


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "trong.xml"
    path.write_bytes(b"")
    assert "không phải XML" in refused(path)


def test_xml_that_is_not_wxr_is_refused(tmp_path):
    path = tmp_path / "rss.xml"
    path.write_text('<?xml version="1.0"?><rss><channel><title>Tin</title></channel></rss>')
    assert "không phải tệp xuất của WordPress" in refused(path)
    other = tmp_path / "khac.xml"
    other.write_text('<?xml version="1.0"?><html><body>Xin chào</body></html>')
    assert "không phải tệp xuất của WordPress" in refused(other)


def test_a_file_cut_off_in_the_middle_is_refused(tmp_path):
    data = EXPORT.read_bytes()
    path = tmp_path / "cut.xml"
    # Cut after the first story: everything before it is well formed.
    path.write_bytes(data[: data.index(b"<wp:post_id>101</wp:post_id>")])
    assert "bị cắt ngang" in refused(path)


def test_a_file_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "big.xml"
    path.write_bytes(EXPORT.read_bytes() + b" " * (1024 * 1024))
    assert "Tệp quá lớn" in refused(path, "--max-size", "1")


def test_entity_bomb_and_external_entities_are_refused(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&b;</title>'
        "</channel></rss>"
    )
    assert "DTD hoặc thực thể" in refused(bomb)
    external = tmp_path / "external.xml"
    external.write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&x;</title>'
        "</channel></rss>"
    )
    assert "DTD hoặc thực thể" in refused(external)


def test_broken_xml_in_the_middle_is_refused(tmp_path):
    text = EXPORT.read_text(encoding="utf-8")
    path = tmp_path / "broken.xml"
    path.write_text(text.replace("<title>Bài trống</title>", "<title>Bài trống</tilte>"))
    assert "bị hỏng ở dòng" in refused(path)


def test_a_missing_file_or_media_dir_is_refused(tmp_path):
    assert "Không đọc được tệp" in refused(tmp_path / "khong-co.xml")
    assert "Không có thư mục ảnh" in refused(EXPORT, "--media-dir", str(tmp_path / "khong"))


def test_wxr_1_0_is_read(tmp_path):
    text = EXPORT.read_text(encoding="utf-8").replace("export/1.2/", "export/1.0/")
    text = text.replace(
        "<wp:wxr_version>1.2</wp:wxr_version>", "<wp:wxr_version>1.0</wp:wxr_version>"
    )
    path = tmp_path / "old.xml"
    path.write_text(text, encoding="utf-8")
    run_import(path)
    assert Article.objects.count() == 9
