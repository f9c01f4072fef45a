"""The content API at /api/v1/ (newsroom/urls.py): ninja's endpoints, then a JSON 404.

A HEAD request is answered as its GET (the body dropped on the way out), as the reader pages.
"""

from functools import wraps

from django.urls import URLPattern, re_path

from .errors import unknown_address
from .views import api


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


def _patterns(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = _head_as_get(pattern.callback)
        yield pattern


app_name = "api"
urlpatterns = [*_patterns(api.urls[0]), re_path(r"^.*$", unknown_address, name="unknown")]
