"""`manage.py archive_export --from YYYY-MM-DD --to YYYY-MM-DD OUT.warc.gz`: the archive of
those days (Vietnam's, both included) as a WARC file."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from archive.export import export
from archive.receivers import catch_up


def _day(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        message = f"{name} “{value}” không phải một ngày: viết theo dạng 2026-12-03."
        raise CommandError(message) from None


class Command(BaseCommand):
    help = "Xuất sổ lưu chiểu các ngày đã chọn (giờ Việt Nam) ra một tệp WARC."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first", required=True, help="ngày đầu, YYYY-MM-DD")
        parser.add_argument("--to", dest="last", required=True, help="ngày cuối, YYYY-MM-DD")
        parser.add_argument("out", help="tệp ra, ví dụ luu-chieu.warc.gz")

    def handle(self, *args, first, last, out, **options):
        first_day, last_day = _day(first, "--from"), _day(last, "--to")
        if last_day < first_day:
            raise CommandError("--to phải từ ngày --from trở đi.")
        catch_up()  # a scheduled story gone live without a worker to record it
        try:
            with open(out, "wb") as file:
                pages, pictures = export(file, first_day, last_day)
        except OSError as exc:
            raise CommandError(f"Không ghi được tệp {out}: {exc.strerror}.") from exc
        self.stdout.write(f"Đã ghi {pages} trang và {pictures} ảnh vào {out}.")
