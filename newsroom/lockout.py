"""The admin login's answer once django-axes has locked a username and address out."""

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import admin
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone


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
