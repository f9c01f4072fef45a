"""The one address of each shared page: the query parameters it reads, each in one form.

The apps say which parameters their pages read (registry.parameters); the rules here are
the forms they share (a page number, words as sent).

Every distinct address is a page of its own in the shared cache and in each worker's memory
(front.py), so `?utm_source=1`, `?fbclid=…`, `?page=02` and `?page=2` would each cost a
rendering and a copy of the same page. The middleware sends every other form of a shared
page's address to the one written here (a 301), and keeps only that one.
"""

from collections.abc import Mapping
from functools import cache as once
from urllib.parse import urlencode

from . import registry
from .registry import Rule


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


@once
def parameters() -> dict[str, dict[str, Rule]]:
    """The parameters each shared page reads, by URL name, in the order its links write them.

    Registered by the apps that own the pages or read the parameters (registry.parameters:
    articles/pages.py, comments/pages.py). A shared page not named there reads none (the
    home page's old `?p=` links are answered before the page cache, by wordpress.middleware).
    """
    return registry.query_parameters()


def query(url_name: str, sent: Mapping[str, str]) -> str:
    """The query string of the shared page `url_name` for the parameters `sent`."""
    kept = []
    for name, rule in parameters().get(url_name, {}).items():
        value = sent.get(name)
        if value is not None and (value := rule(value)) is not None:
            kept.append((name, value))
    return urlencode(kept)
