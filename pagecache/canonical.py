"""The one address of each shared page: the query parameters it reads, each in one form.

Every distinct address is a page of its own in the shared cache and in each worker's memory
(front.py), so `?utm_source=1`, `?fbclid=…`, `?page=02` and `?page=2` would each cost a
rendering and a copy of the same page. The middleware sends every other form of a shared
page's address to the one written here (a 301), and keeps only that one.
"""

from collections.abc import Callable, Mapping
from functools import cache as once
from urllib.parse import urlencode

# A parameter's one form of the value a reader sent; None when it is the same page without it.
Rule = Callable[[str], str | None]


def page_number(value: str) -> str | None:
    """A page number as Django's list views read it (`int()`); page 1 is the page itself.

    A value it cannot read is kept as sent: the page answers 404, which is never kept.
    """
    if not value:  # `?page=`: the list views' first page
        return None
    try:
        number = int(value)
    except ValueError:
        return value
    return None if number == 1 else str(number)


def as_sent(value: str) -> str:
    """Words typed by the reader: any of them is a page of its own."""
    return value


def comment_order(value: str) -> str | None:
    """The comments' order, when it is one the page knows and not the default."""
    from comments.threads import NEWEST, SORTS

    return value if value in SORTS and value != NEWEST else None


@once
def parameters() -> dict[str, dict[str, Rule]]:
    """The parameters each shared page reads, by URL name, in the order its links write them.

    A shared page not named here reads none (the home page's old `?p=` links are answered
    before the page cache, by wordpress.middleware).
    """
    from comments.threads import SORT_PARAM

    return {
        "articles:section": {"page": page_number},
        "articles:tag": {"page": page_number},
        "articles:search": {"q": as_sent, "page": page_number},
        "articles:detail": {SORT_PARAM: comment_order},
        # Django's sitemap view reads its page number from `p`.
        "articles:sitemap-section": {"p": page_number},
    }


def query(url_name: str, sent: Mapping[str, str]) -> str:
    """The query string of the shared page `url_name` for the parameters `sent`."""
    kept = []
    for name, rule in parameters().get(url_name, {}).items():
        value = sent.get(name)
        if value is not None and (value := rule(value)) is not None:
            kept.append((name, value))
    return urlencode(kept)
