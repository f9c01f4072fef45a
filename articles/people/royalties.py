"""The month's nhuận bút sheet: one row per person and piece, a subtotal per person, the total.

A piece is a story first put on the page in the month (Vietnam time), live or taken down since.
Each contributor's amount is the rate table's amount for the story's kind (`kind_of`), their
role and the story's grade (`Grading`), times their share (%), rounded down to the đồng. A story
not graded, or a cell with no rate, pays 0 and says so in the last column, so nobody is left
off the sheet unseen. Views and comments stand beside each piece for the editors' judgement;
a story corrected in the month, or taken down, is marked (`marks`, the hook where a future
take-down record plugs in).

`sheet(year, month)` makes the rows; `write(sheet, path)` writes XLSX (openpyxl) or CSV by the
file's extension. Only those who pay call them (articles/people/payment.py).
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings

from newsroom.vietnamese import vietnam_time

from ..models import Article, Contributor, Correction, Grading, RoyaltyRate, kind_of

HEADER = [
    "Họ tên",
    "Bút danh",
    "Loại",
    "Số tài khoản",
    "Ngân hàng",
    "Bài",
    "Ngày đăng",
    "Loại bài",
    "Vai trò",
    "Hạng",
    "Phần (%)",
    "Nhuận bút (đồng)",
    "Lượt xem",
    "Bình luận",
    "Ghi chú",
]
AMOUNT = HEADER.index("Nhuận bút (đồng)")


class SheetError(ValueError):
    """Why no sheet was made (a month not YYYY-MM, a file neither .xlsx nor .csv), in Vietnamese."""


def parse_month(text: str) -> tuple[int, int]:
    try:
        year, month = (int(part) for part in (text or "").strip().split("-"))
        datetime(year, month, 1)
    except ValueError:
        raise SheetError(f"Tháng “{text}” không đúng dạng YYYY-MM, ví dụ 2026-11.") from None
    return year, month


def bounds(year: int, month: int) -> tuple[datetime, datetime]:
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime(year, month, 1, tzinfo=zone)
    end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=zone)
    return start, end


@dataclass
class Sheet:
    title: str
    rows: list[list] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # "piece", "subtotal" or "total", per row
    total: int = 0

    def add(self, row: list, kind: str) -> None:
        self.rows.append(row)
        self.kinds.append(kind)


def taken_down(article: Article) -> bool:
    """Whether the story is off the page now (the hook for a take-down record to come)."""
    return article.status == Article.Status.UNPUBLISHED


def marks(article: Article, corrections: dict[int, list[str]]) -> list[str]:
    found = list(corrections.get(article.pk, []))
    if taken_down(article):
        found.append("đã gỡ")
    return found


def sheet(year: int, month: int) -> Sheet:
    start, end = bounds(year, month)
    stories = Article.objects.filter(
        published_at__gte=start,
        published_at__lt=end,
        status__in=[Article.Status.PUBLISHED, Article.Status.UNPUBLISHED],
    )
    contributors = (
        Contributor.objects.filter(article__in=stories)
        .select_related("person", "article")
        .order_by("person__pen_name", "person_id", "article__published_at", "article_id", "pk")
    )
    grades = dict(Grading.objects.filter(article__in=stories).values_list("article_id", "grade"))
    rates = {(r.kind, r.role, r.grade): r.amount for r in RoyaltyRate.objects.all()}
    corrections = defaultdict(list)
    shown = Correction.objects.shown().filter(
        article__in=stories, published_at__gte=start, published_at__lt=end
    )
    for correction in shown.order_by("published_at"):
        corrections[correction.article_id].append(correction.get_kind_display().lower())
    result = Sheet(title=f"Nhuận bút tháng {month:02d}/{year}")
    person, subtotal = None, 0
    for contributor in contributors:
        if person is not None and contributor.person_id != person.pk:
            result.add(_subtotal(person, subtotal), "subtotal")
            subtotal = 0
        person = contributor.person
        article = contributor.article
        kind = kind_of(article)
        grade = grades.get(article.pk, "")
        rate = rates.get((kind, contributor.role, grade))
        notes = marks(article, corrections)
        if not grade:
            notes.append("chưa chấm hạng")
        elif rate is None:
            notes.append("không có mức cho hạng này")
        amount = (rate or 0) * contributor.share // 100
        subtotal += amount
        result.total += amount
        result.add(
            [
                person.name,
                contributor.printed_name,
                person.get_kind_display(),
                person.bank_account,
                person.bank_name,
                article.title,
                vietnam_time(article.published_at).strftime("%d/%m/%Y"),
                str(dict(RoyaltyRate._meta.get_field("kind").choices).get(kind, kind)),
                contributor.get_role_display(),
                grade,
                contributor.share,
                amount,
                article.view_count,
                article.comment_count,
                "; ".join(notes),
            ],
            "piece",
        )
    if person is not None:
        result.add(_subtotal(person, subtotal), "subtotal")
    total = [""] * len(HEADER)
    total[0], total[AMOUNT] = "Tổng cộng", result.total
    result.add(total, "total")
    return result


def _subtotal(person, amount: int) -> list:
    row = [""] * len(HEADER)
    row[0], row[AMOUNT - 1], row[AMOUNT] = person.name, "Cộng", amount
    return row


def xlsx_bytes(made: Sheet) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    page = book.active
    page.title = made.title[:31].replace("/", "-")
    page.append([made.title])
    page["A1"].font = Font(bold=True, size=14)
    page.append(HEADER)
    for cell in page[2]:
        cell.font = Font(bold=True)
    for row, kind in zip(made.rows, made.kinds, strict=True):
        page.append(row)
        if kind != "piece":
            for cell in page[page.max_row]:
                cell.font = Font(bold=True)
        page.cell(page.max_row, AMOUNT + 1).number_format = "#,##0"
    page.freeze_panes = "A3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_text(made: Sheet) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(made.rows)
    return out.getvalue()


def write(made: Sheet, path: str | Path) -> None:
    """Write the sheet to `path`: XLSX or CSV by its extension (CSV in UTF-8 with a BOM)."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        path.write_bytes(xlsx_bytes(made))
    elif path.suffix.lower() == ".csv":
        path.write_text(csv_text(made), encoding="utf-8-sig")
    else:
        raise SheetError("Tệp phải có đuôi .xlsx hoặc .csv.")
