"""`manage.py escalateapprovals`: tell the next level up of each overdue story (for cron,
where no Celery beat runs; the beat runs it every minute)."""

from django.core.management.base import BaseCommand

from articles.approvals.steps import escalate_overdue


class Command(BaseCommand):
    help = "Báo cấp trên những bài chờ duyệt quá hạn ở một cấp."

    def handle(self, *args, **options):
        done = escalate_overdue()
        self.stdout.write(f"Đã báo cấp trên {done} bài quá hạn.")
