"""The site with its media served by newsroom.media, as under `make run`, for live-server tests.

Django's live server answers MEDIA_URL itself (plain django.views.static, without our
headers or byte ranges): the tests using this move MEDIA_URL to /tep/, served here.
"""

from django.conf import settings
from django.urls import re_path

from newsroom import media
from newsroom.urls import handler400, handler500, urlpatterns  # noqa: F401


def serve(request, path):
    # MEDIA_ROOT read per request: each test has its own folder.
    return media.serve(request, path, document_root=settings.MEDIA_ROOT)


MEDIA_URL = "/tep/"
urlpatterns = [*urlpatterns, re_path(r"^tep/(?P<path>.*)$", serve)]
