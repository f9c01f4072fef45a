"""Walk the admin as one user and read what they see: the English-words tests' crawler.

`crawl` follows every same-origin admin link (GET only) from the pages it is given, the way
a desk member clicks around; `visible_words` is the text a person reads or a screen reader
says on a page: text outside scripts and styles, and the labels of buttons and inputs.
"""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

# UI words of Django's admin and its packages as they read untranslated. Matched case-sensitively
# on word boundaries, so Vietnamese text ("Nó", "Go" inside "Gỗ") never matches.
ENGLISH = [
    "Add",
    "Change",
    "Delete",
    "Save",
    "Search",
    "History",
    "Filter",
    "Show counts",
    "Hide counts",
    "View",
    "selected",
    "Action",
    "Go",
    "Name",
    "Slug",
    "Please correct",
    "Skip to main content",
    "Choose",
    "Revert",
    "Recover",
    "Press",
    "Can add",
    "Can change",
    "Can delete",
    "Can view",
    "Heading",
    "Paragraph",
    "Bold",
    "Italic",
    "Link",
    "Image",
    "Welcome",
    "Log out",
    "Yes",
    "No",
    "None",
    "Today",
    "Now",
    "Yesterday",
    "Clear",
    "Cancel",
    "Home",
    "Date",
    "Comment",
    "Object",
    "Forbidden",
    "Password",
    "Username",
    "Remove",
    "Select",
    "Available",
    "Chosen",
    "Taggit",
    "Reversion",
    "tagged item",
    "Any date",
    "All",
    "Past 7 days",
    "This month",
    "This year",
    "Enter",
    "Required",
    "Toggle",
    "Close",
    "Edit",
    "Reset",
    "Submit",
    "Sign in",
    "Documentation",
    "View site",
    "Log in",
    "Actions",
    "Recent actions",
    "My actions",
    "Upload",
    "Browse",
]
ENGLISH_RE = re.compile(r"\b(" + "|".join(re.escape(word) for word in ENGLISH) + r")\b")

# Pages a desk member never opens by link: they leave the admin or end the session.
SKIP = re.compile(r"/logout/|/jsi18n/|/autocomplete/|/r/\d+/|/static/|/media/")
LABELLED = ("title", "aria-label", "placeholder", "alt")


class _Reader(HTMLParser):
    """Collects visible text, labels and links of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style", "template"):
            self._hidden += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        self.text.extend(attrs[name] for name in LABELLED if attrs.get(name))
        if tag in ("input", "button") and attrs.get("type") in ("submit", "button", "reset"):
            self.text.append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.text.append(data)


def read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    return reader


def english_in(html: str, allowed: set[str] = frozenset()) -> list[str]:
    """The English UI words a person sees on the page (minus `allowed` words)."""
    found = []
    for chunk in read(html).text:
        for match in ENGLISH_RE.finditer(chunk):
            if match.group(0) not in allowed:
                found.append(f"{match.group(0)!r} in {chunk.strip()[:80]!r}")
    return found


def _key(url: str):
    """Pages that differ only in sorting, page number or the list they came from count once."""
    parts = urlsplit(url)
    ignored = ("o", "p", "_changelist_filters")
    return parts.path, tuple(sorted((k, v) for k, v in parse_qsl(parts.query) if k not in ignored))


def _filtered(url: str) -> bool:
    """Whether the page is a list narrowed by a filter (a popup's own markers aside)."""
    names = {k for k, _ in parse_qsl(urlsplit(url).query)}
    return bool(names - {"_popup", "_to_field", "o", "p"})


def crawl(client, starts: list[str], *, limit: int = 250):
    """Yield (url, response) for each admin page reachable from `starts` by GET links."""
    seen = {_key(url) for url in starts}
    todo = deque(starts)
    count = 0
    while todo and count < limit:
        url = todo.popleft()
        response = client.get(url)
        count += 1
        yield url, response
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for href in read(response.content.decode()).links:
            target = urljoin(url, href).split("#")[0]
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path.startswith("/admin/"):
                continue
            if SKIP.search(parts.path) or _key(target) in seen:
                continue
            # Each filter is opened from the whole list; filters on top of filters are not.
            if parts.path == urlsplit(url).path and _filtered(url):
                continue
            seen.add(_key(target))
            todo.append(target)
