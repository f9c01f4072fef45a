"""`manage.py archive_catch_up`: record the scheduled stories gone live unrecorded (cron,
every minute, when no Celery worker runs: see archive.receivers.catch_up)."""

from django.core.management.base import BaseCommand

from archive.receivers import catch_up


class Command(BaseCommand):
    help = "Ghi vào sổ lưu chiểu các bài hẹn giờ đã lên trang mà chưa có bản lưu."

    def handle(self, *args, **options):
        self.stdout.write(f"Đã ghi {catch_up()} bài hẹn giờ đã lên trang.")
