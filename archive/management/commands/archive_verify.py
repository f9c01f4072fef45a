"""`manage.py archive_verify`: walk the lưu chiểu chain; exit 1 naming the first bad record."""

from django.core.management.base import BaseCommand, CommandError

from archive import chain


class Command(BaseCommand):
    help = "Kiểm tra sổ lưu chiểu: mọi bản ghi còn nguyên, đúng thứ tự, không thiếu bản nào."

    def handle(self, *args, **options):
        result = chain.verify()
        if not result.ok:
            raise CommandError(f"Sổ lưu chiểu không nguyên vẹn. {result.message}")
        self.stdout.write(result.message)
