"""Refusals in Vietnamese: a bad request, a body too large, a method a page does not take.

The 400 and 413 pages stand alone (no menu, no host name): the request they answer may be
one whose host or body cannot be read.
"""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader

TOO_BIG = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def bad_request(request, exception=None) -> HttpResponse:
    """handler400: 413 for a body past DATA_UPLOAD_MAX_* limits, else 400."""
    too_big = isinstance(exception, TOO_BIG)
    body = loader.get_template("400.html").render({"too_big": too_big})
    return HttpResponse(body, status=413 if too_big else 400)


class RejectNulMiddleware:
    """400 for a NUL character in the path or the query: no page has one, and PostgreSQL
    refuses it in any query (a 500 wherever a view looks it up)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            "\x00" in request.path
            or "\x00" in request.META.get("QUERY_STRING", "")
            or any(
                "\x00" in key or any("\x00" in value for value in values)
                for key, values in request.GET.lists()
            )
        ):
            return bad_request(request)
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
