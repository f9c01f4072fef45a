"""Vietnamese text rules: NFC normalisation, ASCII slugs, diacritic folding and excerpts."""

import re
import unicodedata

from django.utils.html import strip_tags

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Return `text` in NFC, the form Vietnamese text is stored and compared in."""
    return unicodedata.normalize("NFC", text or "")


def fold(text: str) -> str:
    """Lower-case `text` and drop its diacritics: "Đảng bộ" -> "dang bo"."""
    decomposed = unicodedata.normalize("NFD", (text or "").translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def slugify(text: str, max_length: int = 200) -> str:
    """Make an ASCII slug: "Làm theo Bác ở Đảng bộ" -> "lam-theo-bac-o-dang-bo".

    Django's slugify drops "đ" (giving "ang-bo"); this maps it to "d" first.
    May return "" for text with no letters or digits: callers choose the fallback.
    """
    slug = _NON_SLUG.sub("-", fold(text)).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug.strip("-")


def excerpt(text: str, limit: int = 200) -> str:
    """Cut plain text (tags dropped) at a word boundary to at most `limit` characters.

    A cut excerpt ends with "...", as the paper prints them under related stories.
    """
    plain = _SPACES.sub(" ", strip_tags(text or "")).strip()
    if len(plain) <= limit:
        return plain
    cut = plain[: limit - 3].rsplit(" ", 1)[0].rstrip(" ,;:.-–")
    return f"{cut}..."
