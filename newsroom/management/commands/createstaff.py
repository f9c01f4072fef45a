"""`manage.py createstaff USERNAME --role ...`: a desk account in one of the three roles."""

import getpass
import os

from django.core.management.base import BaseCommand, CommandError

from newsroom.staff import ROLE_SLUGS, StaffError, create_staff

PASSWORD_VARIABLE = "STAFF_PASSWORD"


class Command(BaseCommand):
    help = "Tạo tài khoản cho bàn biên tập: biên tập viên, phóng viên hoặc kiểm duyệt viên."

    def add_arguments(self, parser):
        parser.add_argument("username", help="tên đăng nhập")
        parser.add_argument("--role", required=True, choices=sorted(ROLE_SLUGS), help="vai trò")
        parser.add_argument("--email", default="", help="email (để nhận thư của bàn biên tập)")
        parser.add_argument(
            "--password-from-env",
            action="store_true",
            help=f"đọc mật khẩu từ biến môi trường {PASSWORD_VARIABLE} thay vì hỏi",
        )

    def handle(self, *args, username, role, email, password_from_env, **options):
        if password_from_env:
            password = os.environ.get(PASSWORD_VARIABLE, "")
            if not password:
                raise CommandError(f"Biến môi trường {PASSWORD_VARIABLE} chưa có mật khẩu.")
        else:
            password = getpass.getpass("Mật khẩu: ")
            if password != getpass.getpass("Nhập lại mật khẩu: "):
                raise CommandError("Hai lần nhập mật khẩu không khớp nhau.")
        try:
            user = create_staff(username, role, password, email=email)
        except StaffError as error:
            raise CommandError(str(error)) from error
        group = user.groups.get().name
        self.stdout.write(f"Đã tạo tài khoản “{user.username}” ({group}). Đăng nhập ở /admin/.")
