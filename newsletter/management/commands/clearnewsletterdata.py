"""`manage.py clearnewsletterdata`: erase subscriptions never confirmed in time."""

from django.conf import settings
from django.core.management.base import BaseCommand

from newsletter.personal_data import clear_unconfirmed


class Command(BaseCommand):
    help = "Xóa địa chỉ đăng ký bản tin không xác nhận trong NEWSLETTER_CONFIRM_DAYS ngày."

    def handle(self, *args, **options):
        gone = clear_unconfirmed()
        self.stdout.write(
            f"Đã xóa {gone} địa chỉ không xác nhận quá {settings.NEWSLETTER_CONFIRM_DAYS} ngày."
        )
