"""`manage.py clearcommentdata`: clear commenters' personal data past COMMENT_PERSONAL_DAYS.

Celery beat runs the same step daily (comments.tasks); the command is for a server without
beat (cron) and for seeing what it did.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from comments import personal_data


class Command(BaseCommand):
    help = (
        "Xóa email, IP và trình duyệt của bình luận gửi quá COMMENT_PERSONAL_DAYS ngày"
        " (Nghị định 13/2023); bình luận vẫn giữ, ký bằng tên."
    )

    def handle(self, *args, **options):
        cleared = personal_data.clear_old()
        self.stdout.write(
            f"Đã xóa dữ liệu cá nhân quá {settings.COMMENT_PERSONAL_DAYS} ngày:"
            f" {cleared.comments} bình luận, {cleared.likes} lượt thích,"
            f" {cleared.reports} báo vi phạm, {cleared.versions} bản lưu."
        )
