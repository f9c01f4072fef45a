"""Changes to the front page: each one transaction that purges the pages showing it.

The desk page (articles/frontpage/desk.py) and `manage.py frontpage` call these, so both
check the same rules and give the same Vietnamese messages (`FrontError`).
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from pagecache import purge

from ..models import Article, HomeBox, Placement, Section, Slot
from .slots import capacity, slot_names
from .times import shown

# A start a little in the past (typed for the current minute) still counts as now.
LATE_GRACE = timedelta(minutes=1)
FRONT_AREAS = ["front"]  # the home page and the section pages (articles/pages.py)
BAR_AREAS = ["stories"]  # every reader page shows the bar


def box_max() -> int:
    """The most stories a section's box may show (read per call: a test may change it)."""
    return settings.FRONT_BOX_MAX


class FrontError(ValueError):
    """A change the front page refuses, with the message to show (Vietnamese)."""


def story(pk) -> Article:
    """Story `pk`, published (or scheduled) and not taken down; FrontError otherwise."""
    try:
        number = int(str(pk).strip())
    except ValueError:
        raise FrontError(f"Mã bài “{pk}” không phải là một số.") from None
    found = Article.objects.select_related("section").filter(pk=number).first()
    if found is None:
        raise FrontError(f"Không có bài nào mang mã {number}.")
    if found.status != Article.Status.PUBLISHED:
        raise FrontError(
            f"Bài #{number} “{found.title}” chưa xuất bản (hoặc đã gỡ): chỉ đặt được bài đã"
            " xuất bản hay hẹn giờ."
        )
    return found


def _start(starts_at: datetime | None, now: datetime) -> datetime:
    if starts_at is None:
        return now
    if starts_at < now - LATE_GRACE:
        raise FrontError(f"Giờ bắt đầu {shown(starts_at)} đã qua: chọn một giờ từ bây giờ.")
    return max(starts_at, now)


def _changed(areas: list[str]) -> None:
    purge.changed(areas, schedule=True)


def place(
    article: Article | None,
    slot: str,
    *,
    position: int = 1,
    section: Section | None = None,
    starts_at: datetime | None = None,
    by=None,
) -> Placement:
    """Put `article` (None: nothing, the slot falls back) in `slot` from `starts_at` (now)."""
    if slot not in Slot.values or slot == Slot.BREAKING:
        raise FrontError(f"Không có vị trí “{slot}”; chọn trong: {slot_names()}.")
    if not 1 <= position <= capacity(slot):
        raise FrontError(
            f"Vị trí “{Slot(slot).label}” có {capacity(slot)} chỗ: thứ tự {position} không có."
        )
    if (slot == Slot.SECTION_MAIN) != (section is not None):
        raise FrontError("Tin chính của chuyên mục cần chọn chuyên mục; các vị trí khác thì không.")
    in_section = section is None or article is None
    if not in_section and section.pk not in (article.section_id, article.section.parent_id):
        raise FrontError(f"Bài #{article.pk} không thuộc chuyên mục “{section.name}”.")
    now = timezone.now()
    with transaction.atomic():
        placement = Placement.objects.create(
            slot=slot,
            position=position,
            section=section,
            article=article,
            starts_at=_start(starts_at, now),
            placed_by=by,
        )
        _changed(FRONT_AREAS)
    return placement


def unschedule(pk) -> Placement:
    """Take back a placement still to come; one in force is replaced by placing another."""
    with transaction.atomic():
        # Ordered by pk alone: the model's ordering joins the (nullable) section, which
        # PostgreSQL will not lock.
        placement = Placement.objects.select_for_update().filter(pk=pk).order_by("pk").first()
        if placement is None or placement.slot == Slot.BREAKING:
            raise FrontError("Không có lịch đặt bài này (có thể đã bị bỏ).")
        if placement.starts_at <= timezone.now():
            raise FrontError("Lịch này đã bắt đầu: muốn đổi thì đặt bài khác vào vị trí đó.")
        placement.delete()
        _changed(FRONT_AREAS)
    return placement


def _end_bars(now: datetime) -> None:
    # The record of the bar says when each one really stopped showing.
    Placement.objects.filter(slot=Slot.BREAKING, starts_at__lte=now, ends_at__gt=now).update(
        ends_at=now
    )


def set_breaking(article: Article, *, until: datetime, by=None) -> Placement:
    """Show the bar linking to `article` on every reader page until `until`."""
    now = timezone.now()
    if until <= now:
        raise FrontError(f"Giờ kết thúc {shown(until)} đã qua: chọn một giờ sau bây giờ.")
    if not article.is_public:
        raise FrontError(f"Bài #{article.pk} chưa hiện với bạn đọc: tin nóng phải là bài đã lên.")
    with transaction.atomic():
        _end_bars(now)
        placement = Placement.objects.create(
            slot=Slot.BREAKING, article=article, starts_at=now, ends_at=until, placed_by=by
        )
        _changed(BAR_AREAS)
    return placement


def clear_breaking(*, by=None) -> Placement:
    """Take the bar off every reader page now."""
    now = timezone.now()
    with transaction.atomic():
        _end_bars(now)
        placement = Placement.objects.create(slot=Slot.BREAKING, starts_at=now, placed_by=by)
        _changed(BAR_AREAS)
    return placement


def save_boxes(rows: list[tuple[Section, bool, int, int]]) -> None:
    """The home page's section boxes: (section, shown, position, count) for each section."""
    with transaction.atomic():
        for section, is_shown, position, count in rows:
            HomeBox.objects.update_or_create(
                section=section,
                defaults={"shown": is_shown, "position": position, "count": count},
            )
        purge.changed(FRONT_AREAS)
