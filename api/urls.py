"""The content API at /api/v1/ (newsroom/urls.py): ninja's endpoints, then a JSON 404.

A HEAD request is answered as its GET (the body dropped on the way out), as the reader pages;
any other method but GET is a 405 in Vietnamese JSON, as every refusal.
"""

from functools import wraps

from django.http import JsonResponse
from django.urls import URLPattern, path, re_path, reverse

from newsroom import site_url

from .errors import json_error, unknown_address
from .views import api

ENDPOINTS = ("stories", "search", "sections", "tags", "people", "corrections")


def _head_as_get(view):
    @wraps(view)
    def answer(request, *args, **kwargs):
        if request.method != "HEAD":
            return _not_allowed_in_words(view(request, *args, **kwargs))
        request.method = "GET"
        try:
            return view(request, *args, **kwargs)
        finally:
            request.method = "HEAD"

    return answer


def _not_allowed_in_words(response):
    """Ninja's 405 says "Method not allowed" in English, as text: say it as every refusal."""
    if response.status_code != 405:
        return response
    allowed = response.get("Allow", "GET")
    message = f"Địa chỉ này chỉ nhận yêu cầu {allowed} (API chỉ để đọc)."
    return json_error(405, message, Allow=allowed)


def index(request):
    """`/api/v1/`: where the endpoints and their description are."""

    def address(name: str) -> str:
        return site_url.absolute(reverse(f"api:{name}"), request)

    data = {
        "docs": address("openapi-view"),
        "openapi": address("openapi-json"),
        **{name: address(name) for name in ENDPOINTS},
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def _patterns(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = _head_as_get(pattern.callback)
        yield pattern


app_name = "api"
urlpatterns = [
    # Before ninja's own root (a bare 404), which it still reverses for the OpenAPI's paths.
    path("", index, name="index"),
    *_patterns(api.urls[0]),
    re_path(r"^.*$", unknown_address, name="unknown"),
]
