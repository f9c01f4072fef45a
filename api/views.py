"""The content API's endpoints (django-ninja): thin, over stories.py and directory.py.

Every endpoint is read-only, kept in the shared cache and purged with the pages showing the
same things (caching.py), limited per client (ratelimit.py), and refuses a parameter it cannot
read with a 400 in Vietnamese (errors.py). `/api/v1/docs` is the browsable description.
"""

from datetime import datetime

from django.conf import settings
from django.http import Http404
from ninja import NinjaAPI, Query
from ninja.decorators import decorate_view
from ninja.errors import HttpError, ValidationError
from ninja.renderers import JSONRenderer

from articles.models import Kind
from articles.pages import article_area

from . import directory, schemas, stories
from .caching import cached
from .content import correction, person, tag
from .errors import page_not_found, refused, validation_failed
from .paging import MAX_PAGE, MAX_PAGE_SIZE, PAGE_SIZE, page_of


class Renderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title=f"API nội dung – {settings.SITE_NAME}",
    version="1",
    description=(
        "Nội dung công khai của báo, chỉ đọc: bài viết, chuyên mục, thẻ, tác giả, tường thuật "
        "trực tiếp và đính chính. Mọi câu trả lời có ETag và Last-Modified."
    ),
    urls_namespace="api",
    renderer=Renderer(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_exception_handler(ValidationError, validation_failed)
api.add_exception_handler(HttpError, refused)
api.add_exception_handler(Http404, page_not_found)

LISTS = ("site", "stories")
ERRORS = {400: schemas.Error, 404: schemas.Error, 429: schemas.Error}
PAGING = ("page", "page_size")

Page = Query(1, ge=1, le=MAX_PAGE, description="Số trang, từ 1.")
PageSize = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Số mục mỗi trang.")
KindQuery = Query(None, description="Loại bài.")
Since = Query(None, description="Chỉ các cập nhật sau thời điểm này (ISO 8601).")


def story_areas(kwargs) -> tuple[str, ...]:
    return (*LISTS, article_area(kwargs["story_id"]))


@api.get(
    "/stories",
    response={200: schemas.StoryPage, **ERRORS},
    url_name="stories",
    summary="Bài viết công khai, mới nhất trước",
    tags=["Bài viết"],
)
@decorate_view(cached(LISTS, params=(*PAGING, "section", "tag", "kind", "author")))
def story_list(
    request,
    section: str | None = Query(None, max_length=120, description="Đường dẫn chuyên mục."),
    tag: str | None = Query(None, max_length=100, description="Đường dẫn thẻ."),
    kind: Kind | None = KindQuery,
    author: str | None = Query(None, max_length=200, description="Đường dẫn tác giả."),
    page: int = Page,
    page_size: int = PageSize,
):
    found = stories.listed(section=section, tag=tag, kind=kind, author=author)
    items, envelope = page_of(request, found, page, page_size)
    return {**envelope, "results": stories.summaries(request, items)}


@api.get(
    "/search",
    response={200: schemas.StoryPage, **ERRORS},
    url_name="search",
    summary="Tìm bài theo từ khóa (không phân biệt hoa thường, dấu)",
    tags=["Bài viết"],
)
@decorate_view(cached(LISTS, params=(*PAGING, "q")))
def story_search(
    request,
    q: str = Query(..., max_length=200, description="Từ khóa."),
    page: int = Page,
    page_size: int = PageSize,
):
    items, envelope = page_of(request, stories.found_by_words(q), page, page_size)
    return {**envelope, "results": stories.summaries(request, items)}


@api.get(
    "/stories/{int:story_id}",
    response={200: schemas.StoryDetail, **ERRORS},
    url_name="story",
    summary="Một bài: nội dung HTML, ảnh, bài liên quan, đính chính",
    tags=["Bài viết"],
)
@decorate_view(cached(story_areas))
def story_detail(request, story_id: int):
    return stories.detail(request, story_id)


@api.get(
    "/stories/{int:story_id}/live",
    response={200: schemas.LivePage, **ERRORS},
    url_name="live-entries",
    summary="Các cập nhật của bài tường thuật trực tiếp, mới nhất trước",
    tags=["Trực tiếp"],
)
@decorate_view(cached(story_areas, params=(*PAGING, "since")))
def live_entries(
    request,
    story_id: int,
    since: datetime | None = Since,
    page: int = Page,
    page_size: int = PageSize,
):
    story = directory.live_story(story_id)
    items, envelope = page_of(request, directory.live_entries(story, since), page, page_size)
    results = [directory.live_entry(request, entry) for entry in items]
    return {**envelope, "state": directory.live_state(story), "results": results}


@api.get(
    "/sections",
    response={200: list[schemas.SectionOut], **ERRORS},
    url_name="sections",
    summary="Các chuyên mục",
    tags=["Chuyên mục, thẻ, tác giả"],
)
@decorate_view(cached(("site",)))
def section_list(request):
    return directory.sections(request)


@api.get(
    "/tags",
    response={200: schemas.TagPage, **ERRORS},
    url_name="tags",
    summary="Các thẻ có bài công khai",
    tags=["Chuyên mục, thẻ, tác giả"],
)
@decorate_view(cached(LISTS, params=PAGING))
def tag_list(request, page: int = Page, page_size: int = PageSize):
    items, envelope = page_of(request, directory.tags(), page, page_size)
    return {**envelope, "results": [tag(request, item) for item in items]}


@api.get(
    "/people",
    response={200: schemas.PersonPage, **ERRORS},
    url_name="people",
    summary="Tác giả có trang tác giả",
    tags=["Chuyên mục, thẻ, tác giả"],
)
@decorate_view(cached(LISTS, params=PAGING))
def people_list(request, page: int = Page, page_size: int = PageSize):
    items, envelope = page_of(request, directory.people(), page, page_size)
    return {**envelope, "results": [person(request, item) for item in items]}


@api.get(
    "/people/{slug:slug}",
    response={200: schemas.PersonOut, **ERRORS},
    url_name="person",
    summary="Một tác giả",
    tags=["Chuyên mục, thẻ, tác giả"],
)
@decorate_view(cached(LISTS))
def person_detail(request, slug: str):
    return person(request, directory.person(slug))


@api.get(
    "/corrections",
    response={200: schemas.CorrectionPage, **ERRORS},
    url_name="corrections",
    summary="Đính chính, cải chính, mới nhất trước",
    tags=["Đính chính"],
)
@decorate_view(cached((*LISTS, "corrections"), params=(*PAGING, "story")))
def correction_list(
    request,
    story: int | None = Query(None, ge=1, description="Chỉ các đính chính của bài này."),
    page: int = Page,
    page_size: int = PageSize,
):
    items, envelope = page_of(request, directory.corrections(story), page, page_size)
    return {**envelope, "results": [correction(request, item) for item in items]}
