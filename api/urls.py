"""The content API at /api/v1/ (newsroom/urls.py): ninja's endpoints, then a JSON 404.

A HEAD request is answered as its GET (the body dropped on the way out), as the reader pages.
"""

from functools import wraps

from django.http import JsonResponse
from django.urls import URLPattern, path, re_path, reverse

from newsroom import site_url

from .errors import unknown_address
from .views import api

ENDPOINTS = ("stories", "search", "sections", "tags", "people", "corrections")


def _head_as_get(view):
    @wraps(view)
    def answer(request, *args, **kwargs):
        if request.method != "HEAD":
            return view(request, *args, **kwargs)
        request.method = "GET"
        try:
            return view(request, *args, **kwargs)
        finally:
            request.method = "HEAD"

    return answer


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
