"""`manage.py restore FOLDER`: a backup back into an empty database, and its media."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsroom.backup import BackupError, restore


class Command(BaseCommand):
    help = "Khôi phục một bản sao lưu vào cơ sở dữ liệu trống (DATABASE_URL) và MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="thư mục sao lưu, do `manage.py backup` tạo")

    def handle(self, *args, folder, **options):
        try:
            manifest = restore(Path(folder))
        except BackupError as error:
            raise CommandError(str(error)) from error
        restored = manifest["restored"]
        self.stdout.write(
            f"Đã khôi phục {restored['stories']} bài viết và {restored['comments']} bình luận"
            f" (bản sao lưu có {manifest['stories']} và {manifest['comments']})."
        )
