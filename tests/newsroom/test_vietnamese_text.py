import unicodedata

import pytest

from newsroom.vietnamese import excerpt, fold, nfc, slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Làm theo Bác ở Đảng bộ Sở Nội vụ", "lam-theo-bac-o-dang-bo-so-noi-vu"),
        ("Đường Điện Biên Phủ", "duong-dien-bien-phu"),
        ("Mường Tè được mùa", "muong-te-duoc-mua"),
        ("ĐẢNG BỘ ĐÃ ĐỀ RA", "dang-bo-da-de-ra"),
        ("đ", "d"),
        ("Bão, báo, bảo & bao!", "bao-bao-bao-bao"),
        ("  Năm 2015: 62/62 cán bộ  ", "nam-2015-62-62-can-bo"),
        ("Nghị quyết Trung ương 4 – “Một số vấn đề”", "nghi-quyet-trung-uong-4-mot-so-van-de"),
    ],
)
def test_slugify_maps_d_and_drops_diacritics(title, slug):
    assert slugify(title) == slug


def test_slugify_of_decomposed_text_equals_composed():
    decomposed = unicodedata.normalize("NFD", "Đảng bộ Mường Tè")
    assert slugify(decomposed) == "dang-bo-muong-te"


@pytest.mark.parametrize("title", ["!!!", "“…” – ?", "   ", ""])
def test_slugify_of_only_punctuation_is_empty(title):
    assert slugify(title) == ""


def test_slugify_cuts_long_titles_at_a_word():
    slug = slugify("Đảng bộ " * 100, max_length=50)
    assert len(slug) <= 50
    assert slug.endswith("bo")
    assert not slug.endswith("-")


def test_nfc_makes_decomposed_vietnamese_equal():
    decomposed = unicodedata.normalize("NFD", "Thế")
    assert decomposed != "Thế"
    assert nfc(decomposed) == "Thế"


@pytest.mark.parametrize("text", ["dang bo", "Đảng bộ", "ĐẢNG BỘ", "đảng bộ", "đảng  bộ"])
def test_fold_ignores_case_and_diacritics(text):
    assert fold(text) == "dang bo"


def test_fold_folds_the_bao_family_together():
    assert {fold(word) for word in ["bão", "báo", "bảo", "bao", "BÀO"]} == {"bao"}


def test_excerpt_keeps_short_text_whole():
    assert excerpt("Một câu ngắn.", limit=200) == "Một câu ngắn."


def test_excerpt_cuts_at_a_word_and_ends_with_dots():
    text = "Đến Trung tâm Đăng kiểm xe cơ giới vào ngày thứ hai đầu tuần"
    cut = excerpt(text, limit=30)
    assert cut.endswith("...")
    assert len(cut) <= 30
    assert text.startswith(cut.removesuffix("..."))
    assert cut.removesuffix("...").split()[-1] in text.split()


def test_excerpt_keeps_angle_brackets_of_plain_text():
    # A lead is plain text: what looks like a tag is the writer's words.
    assert excerpt("Giá xăng <20.000 đồng, a < b > c") == "Giá xăng <20.000 đồng, a < b > c"
