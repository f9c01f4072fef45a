"""Write the page views counted in the cache to the database (run it every few minutes)."""

from django.core.management.base import BaseCommand

from articles.counters import flush_views


class Command(BaseCommand):
    help = "Ghi lượt xem đang đếm trong bộ nhớ đệm vào cơ sở dữ liệu."

    def handle(self, *args, **options):
        self.stdout.write(f"Đã ghi {flush_views()} lượt xem.")
