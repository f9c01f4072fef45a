"""`manage.py approvalchain SECTION [LEVEL ...]`: set, remove or show a section's approval chain."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.approvals.chain import Chains, describe, refit_waiting
from articles.models import ApprovalLevel, Section
from newsroom.roles import LEVEL_ROLES


class Command(BaseCommand):
    help = (
        "Đặt chuỗi duyệt của một chuyên mục: các cấp theo thứ tự, ví dụ"
        " `approvalchain the-thao truong-ban thu-ky-toa-soan tong-bien-tap`."
        " Không ghi cấp nào: bỏ chuỗi riêng (chuyên mục theo chuỗi của chuyên mục cha)."
        " --show: chỉ xem."
    )

    def add_arguments(self, parser):
        parser.add_argument("section", metavar="SECTION_SLUG", help="đường dẫn của chuyên mục")
        parser.add_argument(
            "levels",
            nargs="*",
            metavar="LEVEL",
            help=f"vai trò duyệt ở mỗi cấp, cấp 1 trước: {', '.join(LEVEL_ROLES)}",
        )
        parser.add_argument(
            "--show", action="store_true", help="chỉ in chuỗi duyệt hiện có, không đổi gì"
        )

    def handle(self, *args, section, levels, show, **options):
        if show and levels:
            raise CommandError("--show chỉ để xem: bỏ các cấp, hoặc bỏ --show để đặt chuỗi.")
        unknown = [level for level in levels if level not in LEVEL_ROLES]
        if unknown:
            raise CommandError(
                f"Vai trò duyệt “{unknown[0]}” không có; chọn trong: {', '.join(LEVEL_ROLES)}."
            )
        twice = sorted({level for level in levels if levels.count(level) > 1})
        if twice:
            raise CommandError(
                f"Mỗi vai trò chỉ giữ một cấp trong chuỗi: “{twice[0]}” được ghi hai lần."
            )
        with transaction.atomic():
            try:
                target = Section.objects.select_for_update().get(slug=section)
            except Section.DoesNotExist:
                raise CommandError(f"Không có chuyên mục nào có đường dẫn “{section}”.") from None
            if not show:
                target.approval_levels.all().delete()
                ApprovalLevel.objects.bulk_create(
                    ApprovalLevel(section=target, position=position, role=role)
                    for position, role in enumerate(levels, start=1)
                )
                refit_waiting()
        self.stdout.write(self.chain_of(target))

    def chain_of(self, section: Section) -> str:
        chains = Chains.load()
        own = chains.own(section.pk)
        if own:
            return f"Chuỗi duyệt của “{section}”: {describe(own)}."
        source, followed = chains.followed(section.pk)
        if source is not None:
            ancestor = Section.objects.select_related("parent").get(pk=source)
            return (
                f"“{section}” không có chuỗi duyệt riêng; theo chuỗi của “{ancestor}”:"
                f" {describe(followed)}."
            )
        return (
            f"“{section}” không có chuỗi duyệt (cả các chuyên mục cha):"
            " Biên tập viên xuất bản như trước."
        )
