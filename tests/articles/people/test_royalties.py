"""The month's nhuận bút sheet: every amount and total from the rate table; who may see it."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from articles.models import Article, Correction, Grading, Role, RoyaltyRate
from articles.people.royalties import AMOUNT, HEADER
from newsroom.roles import ACCOUNTANT, EDITOR_IN_CHIEF
from tests.articles.people.helpers import credit, make_person, staff
from tests.desk_users import moderator
from tests.factories import make_article

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
RATES = {("viet", "A"): 500_000, ("viet", "B"): 300_000, ("anh", "A"): 200_000}
SHEET = "/admin/articles/royaltyrate/bang-thang/"
RATES_LIST = "/admin/articles/royaltyrate/"


def on(day: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, 9, 0, tzinfo=VN)


def grade(article, letter):
    Grading.objects.create(article=article, grade=letter)


@pytest.fixture
def rates():
    for (role, letter), amount in RATES.items():
        RoyaltyRate.objects.create(role=role, grade=letter, amount=amount)


@pytest.fixture
def month(rates):
    """November 2026: what each person is owed, worked out by hand from RATES."""
    hung = make_person("Trần Hùng", name="Trần Văn Hùng", bank_account="0123456789")
    lan = make_person("Lan", name="Lò Thị Lan", kind="ctv")
    nga = make_person("Ngà", name="Hoàng Ngà")
    first = make_article("Mùa lúa", published_at=on(3))
    credit(first, hung)
    credit(first, lan, role=Role.PHOTO, position=1)
    grade(first, "A")
    Correction.objects.create(
        article=first, kind="dinh_chinh", status="published", note="Sửa tên xã.", published_at=on(5)
    )
    shared = make_article("Chợ phiên", published_at=on(10))
    credit(shared, hung, share=60)
    credit(shared, nga, share=40, position=1)
    grade(shared, "B")
    credit(make_article("Chưa chấm", published_at=on(12)), hung)
    gone = make_article("Đã gỡ", published_at=on(20))
    credit(gone, lan)
    grade(gone, "A")
    Article.objects.filter(pk=gone.pk).update(status=Article.Status.UNPUBLISHED)
    # Not November's: December's, and a draft.
    december = make_article("Tháng sau", published_at=on(1, month=12))
    credit(december, hung)
    grade(december, "A")
    credit(make_article("Nháp", status=Article.Status.DRAFT), nga)
    Article.objects.filter(pk=first.pk).update(view_count=1234, comment_count=7)
    return {
        "Trần Văn Hùng": [("Mùa lúa", 500_000), ("Chợ phiên", 180_000), ("Chưa chấm", 0)],
        "Hoàng Ngà": [("Chợ phiên", 120_000)],
        "Lò Thị Lan": [("Mùa lúa", 200_000), ("Đã gỡ", 500_000)],
    }


def check_rows(rows, expected):
    """Pieces, each person's subtotal and the total, in sheet order (people by pen name)."""
    rows = [list(row) for row in rows]
    title = HEADER.index("Bài")
    at = 0
    total = 0
    for name in ["Lò Thị Lan", "Hoàng Ngà", "Trần Văn Hùng"]:  # Lan, Ngà, Trần Hùng
        pieces = expected[name]
        for story, amount in pieces:
            row = rows[at]
            assert (row[0], row[title], int(row[AMOUNT])) == (name, story, amount)
            at += 1
        subtotal = rows[at]
        assert (subtotal[0], subtotal[AMOUNT - 1], int(subtotal[AMOUNT])) == (
            name,
            "Cộng",
            sum(a for _, a in pieces),
        )
        total += sum(a for _, a in pieces)
        at += 1
    assert (rows[at][0], int(rows[at][AMOUNT])) == ("Tổng cộng", total)
    assert at == len(rows) - 1
    return rows


def test_the_command_writes_the_month_as_xlsx(month, tmp_path):
    out = tmp_path / "nov.xlsx"
    call_command("royalties", "--month", "2026-11", "--out", str(out))
    page = load_workbook(out).active
    values = list(page.iter_rows(values_only=True))
    assert values[0][0] == "Nhuận bút tháng 11/2026"
    assert list(values[1]) == HEADER
    rows = check_rows(values[2:], month)
    by_story = {(r[0], r[HEADER.index("Bài")]): r for r in rows if r[HEADER.index("Bài")]}
    first = by_story[("Trần Văn Hùng", "Mùa lúa")]
    assert first[HEADER.index("Ngày đăng")] == "03/11/2026"
    assert first[HEADER.index("Vai trò")] == "Viết"
    assert first[HEADER.index("Hạng")] == "A"
    assert first[HEADER.index("Loại bài")] == "Bài viết"
    assert (first[HEADER.index("Lượt xem")], first[HEADER.index("Bình luận")]) == (1234, 7)
    assert first[HEADER.index("Số tài khoản")] == "0123456789"
    assert first[HEADER.index("Ghi chú")] == "đính chính"
    assert by_story[("Lò Thị Lan", "Đã gỡ")][HEADER.index("Ghi chú")] == "đã gỡ"
    assert by_story[("Trần Văn Hùng", "Chưa chấm")][HEADER.index("Ghi chú")] == "chưa chấm hạng"
    assert by_story[("Hoàng Ngà", "Chợ phiên")][HEADER.index("Phần (%)")] == 40


def test_the_command_writes_csv_too(month, tmp_path):
    out = tmp_path / "nov.csv"
    call_command("royalties", "--month", "2026-11", "--out", str(out))
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == HEADER
    check_rows(rows[1:], month)


@pytest.mark.parametrize(
    "args, said",
    [
        (["--month", "2026-13", "--out", "x.xlsx"], "không đúng dạng YYYY-MM"),
        (["--month", "tháng 11", "--out", "x.xlsx"], "không đúng dạng YYYY-MM"),
        (["--month", "2026-11", "--out", "x.pdf"], ".xlsx hoặc .csv"),
    ],
)
def test_the_command_refuses_bad_input_in_vietnamese(rates, args, said):
    with pytest.raises(CommandError, match=said):
        call_command("royalties", *args)


def test_a_paper_without_rates_has_no_sheet_and_no_royalty_screens(client, tmp_path):
    with pytest.raises(CommandError, match="Chưa có bảng nhuận bút"):
        call_command("royalties", "--month", "2026-11", "--out", str(tmp_path / "x.xlsx"))
    client.force_login(staff(EDITOR_IN_CHIEF, "tongbientap"))
    assert client.get(SHEET, {"month": "2026-11"}).status_code == 403
    assert client.get("/admin/articles/grading/").status_code == 403
    assert "/admin/articles/grading/" not in client.get("/admin/").text
    story = make_article()
    form = client.get(f"/admin/articles/article/{story.pk}/change/").text
    assert "contributors-__prefix__-share" not in form


@pytest.mark.parametrize("role", [EDITOR_IN_CHIEF, ACCOUNTANT])
def test_those_who_pay_download_the_sheet_from_the_admin(client, month, role):
    client.force_login(staff(role, "nguoitra"))
    listing = client.get(RATES_LIST)
    assert listing.status_code == 200
    assert "Xuất bảng" in listing.text
    response = client.get(SHEET, {"month": "2026-11"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="nhuan-but-2026-11.xlsx"'

    page = load_workbook(io.BytesIO(response.content)).active
    check_rows(list(page.iter_rows(values_only=True))[2:], month)
    as_csv = client.get(SHEET, {"month": "2026-11", "format": "csv"})
    rows = list(csv.reader(as_csv.content.decode("utf-8-sig").splitlines()))
    check_rows(rows[1:], month)
    bad = client.get(SHEET, {"month": "2026-99"}, follow=True)
    assert "không đúng dạng YYYY-MM" in bad.text


@pytest.mark.parametrize("who", ["journalist", "editor", "moderator"])
def test_amounts_are_refused_to_the_desk_even_by_crafted_requests(
    client, month, reporter, desk, who
):
    user = {"journalist": reporter, "editor": desk, "moderator": moderator()}[who]
    client.force_login(user)
    for url in [
        f"{SHEET}?month=2026-11",
        f"{SHEET}?month=2026-11&format=csv",
        RATES_LIST,
        f"{RATES_LIST}{RoyaltyRate.objects.first().pk}/change/",
        f"{RATES_LIST}add/",
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
    response = client.post(
        f"{RATES_LIST}add/", {"kind": "bai-viet", "role": "viet", "grade": "C", "amount": "1"}
    )
    assert response.status_code in (302, 403)
    assert not RoyaltyRate.objects.filter(grade="C").exists()
    home = client.get("/admin/").text
    assert "/admin/articles/royaltyrate/" not in home


def test_the_editor_in_chief_grades_a_story_from_the_rate_table(client, rates):
    story = make_article("Cần chấm")
    client.force_login(staff(EDITOR_IN_CHIEF, "tongbientap"))
    form = client.get("/admin/articles/grading/add/")
    assert form.status_code == 200
    assert '<option value="B">B</option>' in form.text
    response = client.post("/admin/articles/grading/add/", {"article": story.pk, "grade": "Z"})
    assert response.status_code == 200  # not a grade of the table: the form again
    response = client.post("/admin/articles/grading/add/", {"article": story.pk, "grade": "B"})
    assert response.status_code == 302
    assert Grading.objects.get(article=story).grade == "B"
    share = client.get(f"/admin/articles/article/{story.pk}/change/").text
    assert "contributors-__prefix__-share" in share


def test_accounts_see_no_rate_table_before_the_first_rate(client):
    client.force_login(staff(ACCOUNTANT, "ketoan"))
    assert client.get(RATES_LIST).status_code == 403
    assert "/admin/articles/royaltyrate/" not in client.get("/admin/").text
