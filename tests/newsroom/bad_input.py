"""Hostile values for the bad-input sweep: plain lists, so that a new case is one more line.

Every URL pattern is filled with each PATH_VALUES entry (tests/newsroom/test_bad_input.py),
asked with each QUERIES entry and each of METHODS; every public form gets FORM_VALUES.
The raw-socket cases (a 50 MB body, broken multipart, bytes no client library sends) are in
tests/newsroom/test_bad_input_live.py.
"""

import re

from django.urls import URLPattern, URLResolver, get_resolver

LONG = "a" * 5000
# Put into every parameter of every URL pattern (percent-encoded where a URL needs it).
PATH_VALUES = [
    "1",
    "0",
    "-1",
    "999999999999999999",  # fits the pattern of a story id, not an existing row
    "99999999999999999999999999999",  # past a 64-bit integer
    LONG,
    "%FF%FE%FD",  # not UTF-8
    "%00",
    "..%2F..%2F..%2Fetc%2Fpasswd",
    "%2e%2e/%2e%2e/newsroom/settings.py",
    "đường-điện-biên",
    "<script>alert(1)</script>",
]
# Added to every URL; each line mixes several hostile parameters to keep the sweep quick.
QUERIES = [
    "page=abc&q=<script>alert(1)</script>&o=-999",
    "page=-1&q=%FF%FE&section__id__exact=abc&state=xyz",
    "page=0&q=%25%27%22%3B--&all=",
    "page=99999999999999999999999999&q=%E2%80%AE&p=-5",
    f"page={LONG}&q={LONG}",
    "page=1e9&next=javascript:alert(1)&_changelist_filters=%FF&CKEditorFuncNum=%3Cscript%3E",
    "q=%00&page=%00&token=%00",
]
METHODS = ["put", "delete", "patch", "trace", "options", "head"]
# Put into every field of every public form.
FORM_VALUES = [
    "",
    LONG,
    "\x00",
    "a\x00b",
    "-1",
    "99999999999999999999999999999",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\u202e\u200b",
    "Tin\x0bnóng\x1b[31m\x7f",  # controls pasted from Word or a terminal
    "Bаo Lаi Chаu (Ban biên tập)",  # Cyrillic look-alikes of the paper's name
]
# Slugs a newsroom may type (admin, shell, importer): stored rows the sweep walks past.
TYPED_SLUGS = ["Slug_Hoa", "ĐẢNG-bộ", "văn hóa đẹp", "", "___"]
# Form bodies declared in a charset other than UTF-8.
CHARSETS = ["iso-8859-1", "utf-16", "windows-1258"]


def routes(resolver=None, prefix: str = ""):
    """Every URL pattern of the site as one string, e.g. `binh-luan/<int:pk>/tra-loi/`."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


_PARAMETER = re.compile(r"<[^>]+>|\(\?P<\w+>[^)]*\)|\([^)]*\)")


def fill(route: str, value: str) -> str:
    """The route with every parameter replaced by `value` and regex anchors dropped."""
    return "/" + _PARAMETER.sub(value, route).replace("^", "").replace("$", "")


def urls(values=PATH_VALUES) -> list[str]:
    """Every route filled with every value (a route without parameters just once)."""
    found = []
    for route in routes():
        filled = (
            [fill(route, value) for value in values]
            if _PARAMETER.search(route)
            else [fill(route, "")]
        )
        found.extend(url for url in filled if url not in found)
    return found
