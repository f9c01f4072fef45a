"""Tags as the desk types them: names separated by commas, shown back the same way.

taggit's own rules quote a name holding a space ("Du lịch" -> `"Du lịch"`) and split a
comma-less string at spaces; a Vietnamese tag is nearly always several words, so here only
the comma separates, and quotes a reader would type around a name are dropped.
"""

from collections.abc import Iterable

_QUOTES = "\"'“”‘’"


def parse_tags(text: str) -> list[str]:
    """`Du lịch, Ruộng bậc thang` -> ["Du lịch", "Ruộng bậc thang"], each name once."""
    names: dict[str, None] = {}
    for part in (text or "").split(","):
        name = " ".join(part.split()).strip(_QUOTES).strip()
        if name and name.casefold() not in {n.casefold() for n in names}:
            names[name] = None
    return list(names)


def join_tags(tags: Iterable) -> str:
    """The tags' names, comma-separated, in alphabetical order, as the form shows them."""
    return ", ".join(sorted((tag.name for tag in tags), key=str.casefold))
