"""`manage.py backup`: the database and the media into a timestamped folder."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsroom.backup import BackupError, backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và ảnh tải lên vào một thư mục mới, đặt tên theo thời điểm."

    def add_arguments(self, parser):
        parser.add_argument(
            "--into",
            default=settings.BACKUP_DIR,
            help="thư mục chứa các bản sao lưu (mặc định BACKUP_DIR)",
        )

    def handle(self, *args, into, **options):
        try:
            folder = backup(Path(into))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(folder))
