"""A database that does not answer gets the reader a Vietnamese 503 page, never a 500.

`DatabaseOutageMiddleware` answers for errors in views and in rendering their templates;
`server_error` (the `handler500`) answers for the same errors raised in other middleware.
Both log the error. Django's health checks (`CONN_HEALTH_CHECKS`) drop the broken connection,
so the site recovers by itself when the database is back.
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)
OUTAGE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 15


def outage_response(request) -> HttpResponse:
    """The 503 page: made without the database, with a comment's text given back to its writer."""
    kept = ""
    if request.method == "POST":
        try:
            kept = request.POST.get("body", "")
        except Exception:  # an unreadable body keeps nothing; it must not fail the page
            kept = ""
    html = render_to_string("503.html", {"kept_body": kept, "site_name": settings.SITE_NAME})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OUTAGE_ERRORS):
            return None
        logger.error("Database unavailable: %s %s", request.method, request.path, exc_info=True)
        return outage_response(request)


@requires_csrf_token
def server_error(request, template_name: str = "500.html") -> HttpResponse:
    """Django's 500 view, except that a database outage raised by a middleware is a 503.

    A failed comment post is told that the comment was not received (its text waits in the
    reader's browser, static/js/comment-draft.js). The page touches no database.
    """
    if isinstance(sys.exc_info()[1], OUTAGE_ERRORS):
        return outage_response(request)
    context = {"comment_post": request.path == reverse("comments:post")}
    return HttpResponseServerError(render_to_string(template_name, context))
