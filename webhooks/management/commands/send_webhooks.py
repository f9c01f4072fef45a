"""`manage.py send_webhooks`: send the deliveries that are due, here, one after another.

The no-broker way (cron, each minute): the stories that went live at their time are caught
up first, then every due delivery gets its try; a failed try is retried at a later run, after
its delay. With a broker the worker sends them and this command is not needed (it still
works: a delivery is never sent twice at once).
"""

from django.core.management.base import BaseCommand

from webhooks import receivers, sending


class Command(BaseCommand):
    help = "Gửi các webhook đến hạn tới đối tác (dùng khi không có Celery broker)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="Gửi tối đa bấy nhiêu lần.")

    def handle(self, *args, limit, **options):
        caught = receivers.catch_up()
        counts = sending.send_due(limit=limit)
        self.stdout.write(
            f"Webhook: {counts['delivered']} đã gửi, {counts['retrying']} sẽ thử lại,"
            f" {counts['failed']} thất bại"
            + (f" ({caught} bài lên trang theo giờ hẹn vừa được thêm)." if caught else ".")
        )
