"""The inspector's pages (role Thanh tra), under /admin/luu-chieu/: read-only, staff login.

- the archive: find a story by its id, or the page as it was at a minute;
- a story's records: time (Vietnam), event, who;
- a record's page: the stored HTML exactly, under a banner saying it is an archive copy. Its
  pictures come from the archive's store (never from live media), it runs no script and loads
  nothing from elsewhere (a strict Content-Security-Policy), and no site may frame it.
"""

import re
from datetime import datetime
from functools import wraps
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import escape

from newsroom.vietnamese import date_time

from .models import ArchivedPicture, ArchiveRecord

PERMISSION = "archive.view_archiverecord"


def inspector(view):
    """Staff login, then the archive's view right; without it, 403."""

    @staff_member_required
    @wraps(view)
    def checked(request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied("Chỉ thanh tra và người được giao mới xem được sổ lưu chiểu.")
        return view(request, *args, **kwargs)

    return checked


def _context(request, **extra):
    from django.contrib import admin

    return {**admin.site.each_context(request), **extra}


def parse_minute(day: str, clock: str) -> datetime | None:
    """`2026-12-03` and `14:05` (Vietnam time) as an aware moment; None if not a date."""
    try:
        naive = datetime.strptime(f"{day.strip()} {clock.strip() or '23:59'}", "%Y-%m-%d %H:%M")
    except ValueError:
        return None
    return naive.replace(tzinfo=ZoneInfo(settings.TIME_ZONE), second=59)


@inspector
def index(request):
    errors, found = [], None
    story = request.GET.get("story", "").strip()
    if "story" in request.GET:
        if not story.isdigit():
            errors.append("Mã bài phải là một số (xem ở địa chỉ bài: /…/<mã>-…).")
        elif "day" in request.GET:
            moment = parse_minute(request.GET.get("day", ""), request.GET.get("time", ""))
            if moment is None:
                errors.append("Ngày giờ không đúng: ngày theo dạng 2026-12-03, giờ 14:05.")
            else:
                found = in_force(int(story), moment)
                if found is None:
                    errors.append(
                        f"Bài #{story} không có bản lưu nào tới {date_time(moment)} (giờ Việt Nam)."
                    )
                else:
                    return archived_page(request, found, moment)
    status = 400 if errors else 200
    context = _context(request, title="Sổ lưu chiểu", errors=errors, story=story, query=request.GET)
    return render(request, "archive/index.html", context, status=status)


def in_force(story_id: int, moment: datetime) -> ArchiveRecord | None:
    """The record of `story_id` readers were served at `moment`: the last one made by then."""
    records = ArchiveRecord.objects.filter(story_id=story_id, at__lte=moment)
    return records.order_by("-at", "-seq").first()


@inspector
def story(request, story_id: int):
    records = list(
        ArchiveRecord.objects.filter(story_id=story_id)
        .order_by("seq")
        .only("pk", "seq", "story_id", "story_title", "url", "event", "at", "by_name", "status")
    )
    context = _context(
        request,
        title=f"Lưu chiểu bài #{story_id}",
        story_id=story_id,
        records=records,
        story_title=records[-1].story_title if records else "",
    )
    return render(request, "archive/story.html", context, status=200 if records else 404)


@inspector
def record_page(request, pk: int):
    return archived_page(request, get_object_or_404(ArchiveRecord, pk=pk))


@inspector
def picture(request, sha: str):
    kept = get_object_or_404(ArchivedPicture, pk=sha)
    response = HttpResponse(bytes(kept.data), content_type=kept.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


def banner(record: ArchiveRecord, moment: datetime | None) -> str:
    asked = f" Xem tại thời điểm {date_time(moment)}." if moment else ""
    gone = (
        f" Lúc này bạn đọc không xem được bài (mã trả lời {record.status})."
        if record.status != 200
        else ""
    )
    back = reverse("archive:story", args=[record.story_id])
    return (
        '<div role="note" class="archive-banner">'
        f"<p><strong>BẢN LƯU CHIỂU</strong> — bản ghi #{record.pk}: {escape(record.event_label)}"
        f" lúc {date_time(record.at)} (giờ Việt Nam), bởi {escape(record.by_name)}.{asked}{gone}"
        f' <a href="{back}">Các bản lưu của bài</a></p></div>'
    )


def archived_page(request, record: ArchiveRecord, moment: datetime | None = None) -> HttpResponse:
    """The stored page as it was served, its pictures from the archive's store."""
    html = record.html or '<!DOCTYPE html><html lang="vi"><body></body></html>'
    for url in sorted(record.pictures, key=len, reverse=True):
        # Its absolute form too (the link preview's og:image names the site's address).
        address = re.compile(r"(?:https?://[^\s\"'<>/]+)?" + re.escape(url))
        kept = reverse("archive:picture", args=[record.pictures[url]])
        html = address.sub(kept, html)
    note = banner(record, moment)
    start = html.find("<body")
    if start != -1:
        end = html.find(">", start) + 1
        html = html[:end] + note + html[end:]
    else:
        html = note + html
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    pictures = request.build_absolute_uri(reverse("archive:picture", args=["x"])[:-2])
    response["Content-Security-Policy"] = (
        f"default-src 'none'; img-src {pictures}; style-src 'self';"
        " frame-ancestors 'none'; form-action 'none'; base-uri 'none'"
    )
    response["X-Frame-Options"] = "DENY"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
