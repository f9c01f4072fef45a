"""The server-error page: it tells a reader whose comment failed that it was not received."""

from django.http import HttpResponseServerError
from django.template import loader
from django.urls import reverse


def server_error(request):
    """Django's 500 view, plus a word for a comment post; it touches no database."""
    context = {"comment_post": request.path == reverse("comments:post")}
    return HttpResponseServerError(loader.render_to_string("500.html", context))
