"""Vietnamese text rules: NFC normalisation, ASCII slugs, diacritic folding and excerpts."""

import re
import unicodedata

from django.utils.html import strip_tags

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")
# A search word: letters and digits only, so both databases split text the same way.
_WORD = re.compile(r"[^\W_]+")


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


def search_words(text: str) -> list[str]:
    """Folded words of `text`, as search compares them: "Đảng bộ, Sở" -> dang, bo, so."""
    return _WORD.findall(fold(text))


def accented_words(text: str) -> list[str]:
    """Lower-cased words of `text` with diacritics, once each: "Bão ở Bắc Bộ" -> bão, ở, bắc, bộ.

    Search ranks a story holding the reader's exact spelling ("bão", not "báo") first.
    """
    words = _WORD.findall(nfc(text).casefold())
    return list(dict.fromkeys(word for word in words if fold(word) != word))


def search_document(title: str, lead: str, body_text: str, tags: list[str]) -> str:
    """The text search looks in: folded words of everything, then "|", then accented words.

    Every word has a space on both sides so a word matches as `LIKE '% word %'`. The
    accented part covers the title, lead and tags, where a spelling says what a story is about.
    """
    folded = search_words(" ".join([title, lead, body_text, *tags]))
    accented = accented_words(" ".join([title, lead, *tags]))
    return f" {' '.join(folded)} | {' '.join(accented)} "
