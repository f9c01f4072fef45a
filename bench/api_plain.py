"""The content API's bench partners: the story detail without django-ninja, and ninja alone.

Served by gunicorn with the site's own settings and middleware (bench/api.sh):
    gunicorn --pythonpath bench api_plain:application
- `/plain/stories/<id>`: the same dict from the same queries as the API's story detail
  (api.stories.detail) in a plain `JsonResponse`, without ninja and without the API's cache;
- `/plain/fixed/<id>` and `/ninja/fixed/<id>`: that story's dict, built once, sent by a plain
  `JsonResponse` and by a ninja operation with the API's response schema and renderer: the
  difference is what ninja costs per request (parameters, schema validation, rendering).
Every other address is the site's own.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # when run as a script
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

from django.conf import settings

settings.ROOT_URLCONF = __name__

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import Http404, JsonResponse  # noqa: E402
from django.urls import include, path  # noqa: E402

application = get_wsgi_application()

from ninja import NinjaAPI  # noqa: E402

from api import stories  # noqa: E402
from api.errors import Refused  # noqa: E402
from api.schemas import StoryDetail  # noqa: E402
from api.views import Renderer  # noqa: E402

bench = NinjaAPI(urls_namespace="bench", renderer=Renderer(), docs_url=None, openapi_url=None)
_built: dict[int, dict] = {}


def detail(request, story_id: int) -> dict:
    try:
        return stories.detail(request, story_id)
    except Refused as error:
        raise Http404(str(error)) from error


def built(request, story_id: int) -> dict:
    if story_id not in _built:
        _built[story_id] = detail(request, story_id)
    return _built[story_id]


def plain_detail(request, story_id: int):
    return JsonResponse(detail(request, story_id), json_dumps_params={"ensure_ascii": False})


def plain_fixed(request, story_id: int):
    return JsonResponse(built(request, story_id), json_dumps_params={"ensure_ascii": False})


@bench.get("/fixed/{int:story_id}", response=StoryDetail)
def ninja_fixed(request, story_id: int):
    return built(request, story_id)


urlpatterns = [
    path("plain/stories/<int:story_id>", plain_detail),
    path("plain/fixed/<int:story_id>", plain_fixed),
    path("ninja/", bench.urls),
    path("", include("newsroom.urls")),
]


def _in_process(story_id: int, rounds: int = 7, calls: int = 500) -> None:
    """Per call, in this process, no server, no middleware: ninja's view beside the plain one."""
    import statistics
    import time

    from django.test import RequestFactory
    from django.urls import resolve

    factory = RequestFactory(HTTP_HOST="127.0.0.1")
    timings = {}
    for address in (f"/plain/fixed/{story_id}", f"/ninja/fixed/{story_id}"):
        match = resolve(address)
        match.func(factory.get(address), **match.kwargs)  # builds the dict once
        per_round = []
        for _ in range(rounds):
            requests = [factory.get(address) for _ in range(calls)]
            start = time.perf_counter()
            for request in requests:
                match.func(request, **match.kwargs)
            per_round.append((time.perf_counter() - start) / calls * 1e6)
        timings[address] = statistics.median(per_round)
    plain, ninja = timings.values()
    print(
        f"in process, the built dict: plain JsonResponse {plain:.0f} µs, ninja {ninja:.0f} µs"
        f" per request; ninja's own cost {ninja - plain:.0f} µs"
    )


if __name__ == "__main__":
    _in_process(int(sys.argv[1]))
