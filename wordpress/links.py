"""Old WordPress addresses: the one way they are written down and looked up."""

from urllib.parse import parse_qsl, unquote, urlsplit

from newsroom.vietnamese import nfc

# WordPress answers these on any address, the home page's above all: /?p=123, /?cat=4.
QUERY_FORMS = ("p", "page_id", "cat", "tag")


def link_key(path: str, query: dict[str, str]) -> str | None:
    """The table key of an old address: `/?p=123`, or the decoded path without its end slash.

    None for the home page itself, which is ours now, and for an address with a NUL in it
    (no old page had one, and PostgreSQL refuses it in a query).
    """
    if "\x00" in path or any("\x00" in (query.get(name) or "") for name in QUERY_FORMS):
        return None
    for name in QUERY_FORMS:
        value = (query.get(name) or "").strip()
        if value:
            return f"/?{name}={nfc(value)}"
    path = nfc(unquote(path or "/"))
    path = "/" + path.strip("/")
    return None if path == "/" else path


def key_for_url(url: str) -> str | None:
    """The key of an absolute or relative URL from the export, e.g. a post's permalink."""
    parts = urlsplit(url or "")
    if not parts.path and not parts.query:
        return None
    return link_key(parts.path, dict(parse_qsl(parts.query)))
