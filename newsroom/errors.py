"""Refusals in Vietnamese: a bad request, a body too large, a method a page does not take.

The 400 and 413 pages stand alone (no menu, no host name): the request they answer may be
one whose host or body cannot be read.
"""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render
from django.template import loader

TOO_BIG = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def bad_request(request, exception=None) -> HttpResponse:
    """handler400: 413 for a body past DATA_UPLOAD_MAX_* limits, else 400."""
    too_big = isinstance(exception, TOO_BIG)
    body = loader.get_template("400.html").render({"too_big": too_big})
    return HttpResponse(body, status=413 if too_big else 400)


class RejectNulMiddleware:
    """No NUL character reaches a view: PostgreSQL refuses it in any query (a 500 wherever a
    view looks it up). No page has one in its path (404); in the query string it becomes
    U+FFFD, the character for what could not be read, so a view sees an ordinary bad value."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise Http404("Không có trang này.")
        if "\x00" in request.META.get("QUERY_STRING", "") or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(_readable(key), [_readable(value) for value in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)


class MethodNotAllowedPageMiddleware:
    """Give the bodiless 405 of require_POST and of class-based views a Vietnamese page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not getattr(response, "content", b"x"):
            page = render(request, "405.html", {"allowed": response["Allow"]}, status=405)
            page["Allow"] = response["Allow"]
            return page
        return response


def _readable(text: str) -> str:
    return text.replace("\x00", "\ufffd")
