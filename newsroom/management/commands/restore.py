"""`manage.py restore FOLDER`: a backup back into a new, empty database, and its media."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsroom.backup import BackupError, confirmation_word, describe, restore


class Command(BaseCommand):
    help = "Khôi phục một bản sao lưu vào cơ sở dữ liệu mới, trống (DATABASE_URL) và MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="thư mục sao lưu, do `manage.py backup` tạo")
        parser.add_argument(
            "--force",
            action="store_true",
            help="ghi đè cơ sở dữ liệu đã có dữ liệu (hỏi gõ tên cơ sở dữ liệu để xác nhận)",
        )

    def handle(self, *args, folder, force, **options):
        if force:
            self._confirm()
        try:
            manifest = restore(Path(folder), force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        restored = manifest["restored"]
        self.stdout.write(
            f"Đã khôi phục {restored['stories']} bài viết và {restored['comments']} bình luận"
            f" vào {describe()} (bản sao lưu có {manifest['stories']} và {manifest['comments']})."
        )

    def _confirm(self) -> None:
        word = confirmation_word()
        self.stdout.write(
            f"Mọi dữ liệu trong {describe()} sẽ bị thay bằng bản sao lưu."
            f" Gõ “{word}” để xác nhận: ",
            ending="",
        )
        self.stdout.flush()
        answer = sys.stdin.readline().strip()
        if answer != word:
            raise CommandError("Chưa xác nhận: không khôi phục gì.")
