"""`manage.py send_breaking --resume`: the breaking-news mails a mail server that was down
left unsent, sent on to whoever has not received them (no broker needed: without one, here,
in this process; with one, queued for the workers)."""

from django.core.management.base import BaseCommand, CommandError

from newsletter.breaking import resume_all
from newsroom.tasks import in_process


class Command(BaseCommand):
    help = (
        "Gửi tiếp thư tin nóng cho những người chưa nhận (máy chủ thư từng không nhận)."
        " Ai đã nhận sẽ không nhận lần nữa."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--resume",
            action="store_true",
            help="Gửi tiếp mọi thư tin nóng còn người chưa nhận.",
        )

    def handle(self, *args, resume: bool, **options):
        if not resume:
            raise CommandError(
                "Thư tin nóng chỉ gửi từ trang bài trong tòa soạn. Lệnh này gửi tiếp phần"
                " còn lại: manage.py send_breaking --resume"
            )
        try:
            done = resume_all()
        except Exception as error:
            raise CommandError(
                f"Chưa gửi xong thư tin nóng: {error}. Chạy lại lệnh: ai đã nhận sẽ không"
                " nhận lần nữa."
            ) from None
        if not done:
            self.stdout.write("Không còn thư tin nóng nào chờ gửi.")
        verb = "đã gửi tiếp tới" if in_process() else "đã xếp hàng cho máy gửi thư:"
        for record, count in done:
            self.stdout.write(f"Thư tin nóng “{record.article.title}”: {verb} {count} người.")
