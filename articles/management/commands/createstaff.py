"""`manage.py createstaff USERNAME --role ... [--section ...]`: a desk account in its roles.

It lives in articles, not newsroom, because a section head is made with their sections.
"""

import getpass
import os

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.models import Section
from newsroom.roles import SECTION_HEAD
from newsroom.staff import ROLE_SLUGS, StaffError, create_staff, role_groups

PASSWORD_VARIABLE = "STAFF_PASSWORD"
HEAD_ROLE = next(slug for slug, group in ROLE_SLUGS.items() if group == SECTION_HEAD)


class Command(BaseCommand):
    help = (
        "Tạo tài khoản cho bàn biên tập: biên tập viên, phóng viên, kiểm duyệt viên, trưởng ban"
        " (với các chuyên mục của mình), thư ký tòa soạn hoặc tổng biên tập."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="tên đăng nhập")
        parser.add_argument(
            "--role",
            dest="roles",
            action="append",
            required=True,
            choices=sorted(ROLE_SLUGS),
            help="vai trò (lặp lại để cho nhiều vai trò)",
        )
        parser.add_argument(
            "--section",
            dest="sections",
            action="append",
            default=[],
            metavar="SLUG",
            help=f"chuyên mục người này làm trưởng ban (chỉ với --role {HEAD_ROLE}; lặp lại được)",
        )
        parser.add_argument("--email", default="", help="email (để nhận thư của bàn biên tập)")
        parser.add_argument(
            "--password-from-env",
            action="store_true",
            help=f"đọc mật khẩu từ biến môi trường {PASSWORD_VARIABLE} thay vì hỏi",
        )

    def handle(self, *args, username, roles, sections, email, password_from_env, **options):
        try:
            groups = role_groups(roles)
        except StaffError as error:
            raise CommandError(str(error)) from error
        # Checked before the password is asked, so a mistyped section costs nothing.
        headed = self.sections(sections, head=HEAD_ROLE in roles)
        password = self.password(password_from_env)
        try:
            with transaction.atomic():
                user = create_staff(username, roles, password, email=email)
                for section in headed:
                    section.heads.add(user)
        except StaffError as error:
            raise CommandError(str(error)) from error
        said = ", ".join(groups)
        if headed:
            said += "; trưởng ban của " + ", ".join(str(section) for section in headed)
        self.stdout.write(f"Đã tạo tài khoản “{user.username}” ({said}). Đăng nhập ở /admin/.")

    def sections(self, slugs: list[str], *, head: bool) -> list[Section]:
        """The sections named by `slugs`, in that order; refused unless the user is a head."""
        if slugs and not head:
            raise CommandError(f"--section chỉ dùng cùng --role {HEAD_ROLE}.")
        if head and not slugs:
            raise CommandError(
                "Trưởng ban cần ít nhất một chuyên mục: thêm --section SLUG"
                f" (với --role {HEAD_ROLE})."
            )
        slugs = list(dict.fromkeys(slug.strip() for slug in slugs))
        found = Section.objects.select_related("parent").in_bulk(slugs, field_name="slug")
        missing = [slug for slug in slugs if slug not in found]
        if missing:
            raise CommandError(
                "Không có chuyên mục nào có đường dẫn: "
                + ", ".join(f"“{s}”" for s in missing)
                + "."
            )
        return [found[slug] for slug in slugs]

    def password(self, from_env: bool) -> str:
        if from_env:
            password = os.environ.get(PASSWORD_VARIABLE, "")
            if not password:
                raise CommandError(f"Biến môi trường {PASSWORD_VARIABLE} chưa có mật khẩu.")
            return password
        password = getpass.getpass("Mật khẩu: ")
        if password != getpass.getpass("Nhập lại mật khẩu: "):
            raise CommandError("Hai lần nhập mật khẩu không khớp nhau.")
        return password
