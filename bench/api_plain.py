"""The content API's bench partner: the story detail as a plain Django `JsonResponse`.

Served by gunicorn with the site's own settings and middleware (bench/api.sh):
    gunicorn --pythonpath bench api_plain:application
`/plain/stories/<id>` builds the same dict with the same queries as the API's story detail
(api.stories.detail), without django-ninja (its parameter parsing, response schema, renderer)
and without the API's cache layer; every other address is the site's own.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

from django.conf import settings

settings.ROOT_URLCONF = __name__

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import Http404, JsonResponse  # noqa: E402
from django.urls import include, path  # noqa: E402

application = get_wsgi_application()

from api import stories  # noqa: E402
from api.errors import Refused  # noqa: E402


def plain_detail(request, story_id: int):
    try:
        data = stories.detail(request, story_id)
    except Refused as error:
        raise Http404(str(error)) from error
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


urlpatterns = [
    path("plain/stories/<int:story_id>", plain_detail),
    path("", include("newsroom.urls")),
]
