"""`manage.py approvalchain`: a section's levels set in order, removed, shown, refused."""

import pytest
from django.core.management import CommandError, call_command

from articles.models import ApprovalLevel
from tests.factories import make_section

pytestmark = pytest.mark.django_db


def chain(section) -> list[tuple[int, str]]:
    return list(section.approval_levels.order_by("position").values_list("position", "role"))


def run(*arguments, capsys) -> str:
    call_command("approvalchain", *arguments)
    return capsys.readouterr().out


@pytest.fixture
def sports():
    return make_section("Thể thao", slug="the-thao")


@pytest.fixture
def football(sports):
    return make_section("Bóng đá", slug="bong-da", parent=sports)


def test_sets_the_levels_in_the_order_given_and_says_so(sports, capsys):
    said = run("the-thao", "truong-ban", "thu-ky-toa-soan", "tong-bien-tap", capsys=capsys)
    assert chain(sports) == [(1, "truong-ban"), (2, "thu-ky-toa-soan"), (3, "tong-bien-tap")]
    assert "Trưởng ban → Thư ký tòa soạn → Tổng biên tập" in said


def test_a_new_chain_replaces_the_old_one_exactly(sports, capsys):
    run("the-thao", "truong-ban", "thu-ky-toa-soan", "tong-bien-tap", capsys=capsys)
    run("the-thao", "tong-bien-tap", "truong-ban", capsys=capsys)
    assert chain(sports) == [(1, "tong-bien-tap"), (2, "truong-ban")]


def test_no_levels_removes_the_chain_and_the_section_follows_its_parent(sports, football, capsys):
    run("the-thao", "thu-ky-toa-soan", capsys=capsys)
    run("bong-da", "truong-ban", capsys=capsys)
    said = run("bong-da", capsys=capsys)
    assert chain(football) == []
    assert chain(sports) == [(1, "thu-ky-toa-soan")]
    assert "theo chuỗi của “Thể thao”: Thư ký tòa soạn" in said


def test_show_changes_nothing_and_names_the_ancestor_followed(sports, football, capsys):
    run("the-thao", "truong-ban", "tong-bien-tap", capsys=capsys)
    grandchild = make_section("Bóng đá Việt Nam", slug="bong-da-viet-nam", parent=football)
    said = run("bong-da-viet-nam", "--show", capsys=capsys)
    assert chain(grandchild) == [] and len(chain(sports)) == 2
    assert "không có chuỗi duyệt riêng" in said
    assert "“Thể thao”: Trưởng ban → Tổng biên tập" in said
    assert "Trưởng ban → Tổng biên tập" in run("the-thao", "--show", capsys=capsys)


def test_a_section_with_no_chain_up_the_tree_publishes_as_before(football, capsys):
    said = run("bong-da", "--show", capsys=capsys)
    assert "không có chuỗi duyệt" in said
    assert "Biên tập viên xuất bản như trước" in said


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["the-thao", "truong-ban", "pho-tong-bien-tap"], "“pho-tong-bien-tap” không có"),
        (["khong-co", "truong-ban"], "Không có chuyên mục nào có đường dẫn “khong-co”"),
        (["the-thao", "truong-ban", "tong-bien-tap", "truong-ban"], "“truong-ban” được ghi hai"),
        (["the-thao", "truong-ban", "--show"], "--show chỉ để xem"),
    ],
)
def test_refused_in_vietnamese_and_the_chain_is_kept(sports, arguments, message, capsys):
    run("the-thao", "thu-ky-toa-soan", "tong-bien-tap", capsys=capsys)
    with pytest.raises(CommandError, match=message):
        call_command("approvalchain", *arguments)
    assert chain(sports) == [(1, "thu-ky-toa-soan"), (2, "tong-bien-tap")]


def test_a_failed_write_leaves_the_old_chain(sports, capsys, monkeypatch):
    run("the-thao", "truong-ban", capsys=capsys)

    def fail(*args, **kwargs):
        raise RuntimeError("đứt kết nối")

    monkeypatch.setattr(ApprovalLevel.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError):
        call_command("approvalchain", "the-thao", "tong-bien-tap")
    assert chain(sports) == [(1, "truong-ban")]
