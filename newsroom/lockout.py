"""The admin login's answer once django-axes has locked a username and address out."""

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import admin
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

USERNAME_MAX_LENGTH = 255  # axes.models.AccessBase.username


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """429 with a Vietnamese page saying when to try again (each new try restarts the wait)."""
    cool_off = get_cool_off(request)
    response = TemplateResponse(
        request,
        "admin/lockout.html",
        {
            **admin.site.each_context(request),
            "title": "Tạm khóa đăng nhập",
            "minutes": max(1, round(cool_off.total_seconds() / 60)),
            "retry_at": timezone.now() + cool_off,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
        },
        status=429,
    )
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response.render()


def username(request, credentials=None) -> str | None:
    """The username axes records: as typed, cut to its column's length (a longer one is a 500)."""
    value = credentials.get("username") if credentials else request.POST.get("username")
    return None if value is None else str(value).replace("\x00", "")[:USERNAME_MAX_LENGTH]
