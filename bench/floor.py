"""The floor of the load bench: a bare Django view returning the article's bytes from memory.

Served by gunicorn with the same settings as the site (bench/run.sh):
    FLOOR_BODY=article.html gunicorn --pythonpath bench floor:application
No database, no template, no middleware: what Django and gunicorn cost on their own.
"""

import os
from pathlib import Path

from django.conf import settings

BODY = Path(os.environ["FLOOR_BODY"]).read_bytes()

settings.configure(
    DEBUG=False,
    SECRET_KEY=os.environ.get("SECRET_KEY", "floor-only-not-a-secret"),
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import re_path  # noqa: E402


def article(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [re_path(r"", article)]
application = get_wsgi_application()
