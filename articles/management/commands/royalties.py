"""`manage.py royalties --month YYYY-MM --out FILE.xlsx|.csv`: the month's nhuận bút sheet."""

from django.core.management.base import BaseCommand, CommandError

from articles.people import royalties
from articles.people.payment import royalties_on


class Command(BaseCommand):
    help = "Xuất bảng nhuận bút một tháng (XLSX hoặc CSV, theo đuôi tệp)."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="tháng, dạng YYYY-MM")
        parser.add_argument("--out", required=True, help="tệp ra: .xlsx hoặc .csv")

    def handle(self, *args, month, out, **options):
        if not royalties_on():
            raise CommandError(
                "Chưa có bảng nhuận bút: tổng biên tập đặt mức trong trang quản trị."
            )
        try:
            year, number = royalties.parse_month(month)
            made = royalties.sheet(year, number)
            royalties.write(made, out)
        except royalties.SheetError as error:
            raise CommandError(str(error)) from error
        pieces = made.kinds.count("piece")
        self.stdout.write(
            f"Đã ghi {out}: {pieces} dòng, tổng {made.total:,} đồng.".replace(",", ".")
        )
