"""`manage.py send_digest`: today's "Bản tin sáng" to every confirmed subscriber (no broker
needed: without one, the batches are sent here, in this process)."""

from django.core.management.base import BaseCommand, CommandError

from newsletter.sending import send_digest


class Command(BaseCommand):
    help = "Gửi Bản tin sáng hôm nay tới mọi người đã xác nhận đăng ký (theo từng đợt)."

    def handle(self, *args, **options):
        try:
            count = send_digest()
        except Exception as error:
            raise CommandError(
                f"Chưa gửi xong Bản tin sáng: {error}. Chạy lại lệnh: ai đã nhận hôm nay sẽ"
                " không nhận lần nữa."
            ) from None
        self.stdout.write(f"Bản tin sáng: đã gửi tới {count} người nhận.")
