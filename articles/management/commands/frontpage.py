"""`manage.py frontpage place|breaking`: the desk's front page from the shell (Vietnam's time)."""

from django.core.management.base import BaseCommand, CommandError

from articles.frontpage import placing
from articles.frontpage.slots import slot_names
from articles.frontpage.times import EXAMPLE, parse_minute, shown
from articles.models import Section, Slot


class Command(BaseCommand):
    help = (
        "Trang nhất từ dòng lệnh. `frontpage place MÃ_BÀI --slot tieu-diem [--from"
        f' "{EXAMPLE}"]`; `frontpage breaking MÃ_BÀI --until "{EXAMPLE}"`;'
        " `frontpage breaking --clear`. Giờ Việt Nam, tới phút."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="place|breaking")
        place = actions.add_parser("place", help="đặt một bài vào một vị trí của trang nhất")
        place.add_argument("story", metavar="STORY_ID", help="mã bài")
        place.add_argument("--slot", default="", help=f"vị trí: {slot_names()}")
        place.add_argument("--position", default="1", help="thứ tự trong vị trí (mặc định 1)")
        place.add_argument("--section", help="đường dẫn chuyên mục (cho vị trí muc-chinh)")
        place.add_argument("--from", dest="starts", help=f"từ lúc, ví dụ “{EXAMPLE}”")
        breaking = actions.add_parser("breaking", help="đặt hoặc bỏ dòng tin nóng")
        breaking.add_argument("story", metavar="STORY_ID", nargs="?", help="mã bài")
        breaking.add_argument("--until", help=f"hiện tới lúc, ví dụ “{EXAMPLE}”")
        breaking.add_argument("--clear", action="store_true", help="bỏ dòng tin nóng ngay")

    def handle(self, *args, action, **options):
        try:
            message = getattr(self, action)(**options)
        except (placing.FrontError, ValueError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(message)

    def place(self, *, story, slot, position, section, starts, **options) -> str:
        if not slot:
            raise CommandError(f"Ghi vị trí, ví dụ --slot tieu-diem; các vị trí: {slot_names()}.")
        if slot not in Slot.values or slot == Slot.BREAKING:
            raise CommandError(f"Không có vị trí “{slot}”; chọn trong: {slot_names()}.")
        if not str(position).isdigit():
            raise CommandError(f"Thứ tự “{position}” phải là một số từ 1.")
        where = None
        if section:
            where = Section.objects.filter(slug=section).first()
            if where is None:
                raise CommandError(f"Không có chuyên mục nào có đường dẫn “{section}”.")
        starts_at = parse_minute(starts) if starts else None
        placed = placing.place(
            placing.story(story),
            slot,
            position=int(position),
            section=where,
            starts_at=starts_at,
        )
        return (
            f"Đã đặt bài #{placed.article_id} vào “{placed.get_slot_display()}”"
            f" (thứ tự {placed.position}) từ {shown(placed.starts_at)}."
        )

    def breaking(self, *, story, until, clear, **options) -> str:
        if clear:
            if story or until:
                raise CommandError("--clear bỏ tin nóng: không ghi mã bài hay --until.")
            placing.clear_breaking()
            return "Đã bỏ dòng tin nóng."
        if not story:
            raise CommandError("Ghi mã bài của tin nóng, hoặc --clear để bỏ.")
        if not until:
            raise CommandError(f"Tin nóng cần giờ kết thúc: --until “{EXAMPLE}”.")
        placed = placing.set_breaking(placing.story(story), until=parse_minute(until))
        return f"Tin nóng: bài #{placed.article_id} tới {shown(placed.ends_at)}."
