"""The desk's front page, under /admin/trang-nhat/: laid out like the home page; editors
place stories by dragging them onto a slot or by typing a story's number in it.

Thin views over `placing`: each POST is checked (permission, CSRF, every field) and answered
with a redirect and a message; a refused one says why in Vietnamese, never a 500.
"""

from functools import wraps

from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..models import Article, HomeBox, Placement, Section, Slot
from . import placing
from .reading import breaking_of, compose_home, in_force
from .times import EXAMPLE, parse_minute, shown

PERMISSION = "articles.compose_front"
CANDIDATES = 40


def composer(view):
    """Staff login, then the right to compose the front page; without it, 403."""

    @staff_member_required
    @wraps(view)
    def checked(request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied("Chỉ Tổng biên tập và biên tập viên được soạn trang nhất.")
        return view(request, *args, **kwargs)

    return checked


def _back(request, anchor: str = ""):
    return redirect(reverse("frontpage:desk") + (f"#{anchor}" if anchor else ""))


def _candidates(query: str) -> list[Article]:
    stories = Article.objects.published_or_scheduled().select_related("section")
    query = query.strip()
    if query.isdigit():
        stories = stories.filter(pk=int(query))
    elif query:
        stories = stories.filter(Q(title__icontains=query) | Q(slug__icontains=query))
    return list(stories.order_by("-published_at", "-pk").defer("body", "search_text")[:CANDIDATES])


def _upcoming() -> dict[tuple[str, int | None, int], list[Placement]]:
    found: dict[tuple[str, int | None, int], list[Placement]] = {}
    rows = (
        Placement.objects.filter(starts_at__gt=timezone.now())
        .exclude(slot=Slot.BREAKING)
        .select_related("article", "section")
        .order_by("starts_at", "pk")
    )
    for row in rows:
        found.setdefault((row.slot, row.section_id, row.position), []).append(row)
    return found


def _boxes() -> list[dict]:
    boxes = {box.section_id: box for box in HomeBox.objects.all()}
    rows = []
    for index, section in enumerate(Section.objects.select_related("parent"), start=1):
        box = boxes.get(section.pk)
        rows.append(
            {
                "section": section,
                "shown": box.shown if box else (not boxes and section.parent_id is None),
                "position": box.position if box else index,
                "count": box.count if box else 4,
            }
        )
    return rows


@composer
def desk(request):
    now = timezone.now()
    front = compose_home(now)
    upcoming = _upcoming()
    for spot in front.spots:
        spot.upcoming = upcoming.get((spot.slot, None, spot.position), [])
    bar = in_force(Q(slot=Slot.BREAKING), now).get((Slot.BREAKING, None, 1))
    sections = list(Section.objects.select_related("parent"))
    section_mains = [
        {"section": section, "upcoming": upcoming.get((Slot.SECTION_MAIN, section.pk, 1), [])}
        for section in sections
    ]
    query = request.GET.get("q", "")[:200]
    context = {
        **admin.site.each_context(request),
        "title": "Trang nhất",
        "front": front,
        "breaking": breaking_of({(Slot.BREAKING, None, 1): bar} if bar else {}, now),
        "sections": sections,
        "section_mains": section_mains,
        "boxes": _boxes(),
        "candidates": _candidates(query),
        "query": query,
        "example": EXAMPLE,
        "slots": Slot,
    }
    return render(request, "admin/frontpage/desk.html", context)


def _int(value, name: str) -> int:
    text = str(value or "").strip()
    if not text.isdigit():
        raise placing.FrontError(f"{name} “{text}” phải là một số.")
    return int(text)


def _moment(text: str):
    text = (text or "").strip()
    return parse_minute(text) if text else None


@require_POST
@composer
def place(request):
    data = request.POST
    slot = data.get("slot", "")
    try:
        position = _int(data.get("position", "1"), "Thứ tự")
        section = None
        if slot == Slot.SECTION_MAIN:
            section = Section.objects.filter(pk=_int(data.get("section"), "Chuyên mục")).first()
            if section is None:
                raise placing.FrontError("Không có chuyên mục này.")
        story = None if data.get("empty") else placing.story(data.get("story", ""))
        placed = placing.place(
            story,
            slot,
            position=position,
            section=section,
            starts_at=_moment(data.get("starts", "")),
            by=request.user,
        )
    except ValueError as error:  # FrontError too
        messages.error(request, str(error))
        return _back(request)
    what = f"bài #{placed.article_id}" if placed.article_id else "để trống (tin mới nhất)"
    messages.success(
        request,
        f"“{placed.get_slot_display()}” {placed.position}: {what} từ {shown(placed.starts_at)}.",
    )
    return _back(request)


@require_POST
@composer
def unschedule(request, pk: int):
    try:
        placing.unschedule(pk)
    except placing.FrontError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Đã bỏ lịch đặt bài.")
    return _back(request)


@require_POST
@composer
def breaking(request):
    try:
        if request.POST.get("clear"):
            placing.clear_breaking(by=request.user)
            messages.success(request, "Đã bỏ dòng tin nóng.")
        else:
            until = _moment(request.POST.get("until", ""))
            if until is None:
                raise placing.FrontError(f"Tin nóng cần giờ kết thúc, ví dụ “{EXAMPLE}”.")
            placed = placing.set_breaking(
                placing.story(request.POST.get("story", "")), until=until, by=request.user
            )
            messages.success(
                request, f"Tin nóng: bài #{placed.article_id} tới {shown(placed.ends_at)}."
            )
    except ValueError as error:
        messages.error(request, str(error))
    return _back(request, "tin-nong")


@require_POST
@composer
def boxes(request):
    rows = []
    try:
        for section in Section.objects.all():
            prefix = f"box-{section.pk}-"
            count = _int(request.POST.get(prefix + "count", "4"), f"Số bài của “{section.name}”")
            if not 1 <= count <= placing.box_max():
                raise placing.FrontError(
                    f"Số bài của “{section.name}” phải từ 1 tới {placing.box_max()}."
                )
            position = _int(request.POST.get(prefix + "position", "0"), "Thứ tự")
            rows.append((section, bool(request.POST.get(prefix + "shown")), position, count))
        placing.save_boxes(rows)
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Đã lưu các hộp chuyên mục trên trang chủ.")
    return _back(request, "hop-chuyen-muc")
