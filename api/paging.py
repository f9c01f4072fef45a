"""Pages of a list: `page` and `page_size`, the count, the addresses of the next and previous."""

from math import ceil
from urllib.parse import urlencode

from newsroom import site_url

from .errors import not_found

PAGE_SIZE = 20
MAX_PAGE_SIZE = 50
# Past this a page is refused (400) before any query: no offset too large for the database.
MAX_PAGE = 10_000


def _address(request, page: int) -> str:
    query = {**request.GET.dict(), "page": str(page)}
    if page == 1:
        query.pop("page")
    path = request.path + (f"?{urlencode(sorted(query.items()))}" if query else "")
    return site_url.absolute(path, request)


def page_of(request, items, page: int, page_size: int, *, count: int | None = None):
    """(`items`' slice for `page`, the page's envelope without `results`). 404 past the end."""
    total = items.count() if count is None else count
    pages = max(1, ceil(total / page_size))
    if page > pages:
        raise not_found(f"Không có trang {page}: danh sách có {pages} trang.")
    start = (page - 1) * page_size
    envelope = {
        "count": total,
        "page": page,
        "pages": pages,
        "page_size": page_size,
        "next": _address(request, page + 1) if page < pages else None,
        "previous": _address(request, page - 1) if page > 1 else None,
    }
    return items[start : start + page_size], envelope
