"""Bring a WordPress export (Tools → Export → All content) into Newsroom."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wordpress.importer.writer import Importer
from wordpress.importer.wxr import RefusedFile

DEFAULT_MAX_SIZE_MB = 1024


class Command(BaseCommand):
    help = (
        "Nhập bài viết, chuyên mục, thẻ, ảnh, bình luận và đường dẫn cũ từ tệp xuất của "
        "WordPress (WXR). Chạy lại an toàn: chỉ cập nhật những gì đã đổi."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="Tệp .xml xuất từ WordPress.")
        parser.add_argument(
            "--media-dir",
            type=Path,
            help="Bản sao thư mục wp-content/uploads, để nhập ảnh.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Chỉ báo cáo những gì sẽ làm, không ghi gì.",
        )
        parser.add_argument(
            "--max-size",
            type=int,
            default=DEFAULT_MAX_SIZE_MB,
            help=f"Từ chối tệp lớn hơn số MB này (mặc định {DEFAULT_MAX_SIZE_MB}).",
        )
        parser.add_argument(
            "--time-zone",
            default=settings.TIME_ZONE,
            help="Múi giờ của trang WordPress, cho bài không có ngày GMT "
            f"(mặc định {settings.TIME_ZONE}).",
        )

    def handle(self, *args, **options):
        media_dir = options["media_dir"]
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"Không có thư mục ảnh {media_dir}.")
        self.tty = self.stdout.isatty() and options["verbosity"] > 0
        importer = Importer(
            options["export"],
            media_dir=media_dir,
            dry_run=options["dry_run"],
            max_bytes=options["max_size"] * 1024 * 1024,
            time_zone=options["time_zone"],
            progress=self.progress,
        )
        try:
            report = importer.run()
        except RefusedFile as refusal:
            raise CommandError(f"Không nhập: {refusal}") from None
        if self.tty:
            self.stdout.write("")
        for line in report.lines():
            self.stdout.write(line)
        if report.stories_imported == 0:
            raise CommandError("Không nhập được bài viết nào.")

    def progress(self, done: int, total: int) -> None:
        if self.tty and (done % 25 == 0 or done == total):
            self.stdout.write(f"\rĐã xử lý {done}/{total} bài", ending="")
            self.stdout.flush()
