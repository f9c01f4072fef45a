"""Vietnamese text and date rules, pure functions with no app behind them.

Text: NFC normalisation, diacritic folding, ASCII slugs, excerpts and the words search compares.
Dates: always in Vietnam time, weekdays spelled out, day first. Template filters in
`articles/templatetags/vn_dates.py` are thin wrappers over the date functions here.
"""

import re
import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")
# A search word: letters and digits only, so both databases split text the same way.
_WORD = re.compile(r"[^\W_]+")

# Django's `vi` locale abbreviates ("Thứ 3"); the paper spells weekdays out.
WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")


# --- Text ---------------------------------------------------------------------------------


def nfc(text: str) -> str:
    """Return `text` in NFC, the form Vietnamese text is stored and compared in."""
    return unicodedata.normalize("NFC", text or "")


# What XML 1.0 forbids (C0 controls but tab, newline and carriage return; U+FFFE, U+FFFF), the
# other controls (DEL, C1) and the bidirectional embeddings, overrides and isolates that make
# text read in another order than it is stored ("\u202e").
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
# Word's line break (vertical tab) and form feed separate words: they become spaces.
_BREAKS = str.maketrans({"\x0b": " ", "\x0c": " "})
# Invisible characters that can make a name look empty or like another (zero-width, BOM, marks).
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u2060-\u2064\ufeff]")
# Letters of other scripts drawn like Latin ones: "Bаo" with a Cyrillic "а" reads as "Bao".
_LOOKALIKES = str.maketrans(
    "аеорсухіјѕԁԛԝӏɑοαϲντυκιχАВЕКМНОРСТХІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdqwlaoacvtukixABEKMHOPCTXIJSABEZHIKMNOPTYX",
)


def clean_text(text: str) -> str:
    """NFC `text` without the control characters that break XML or reorder what a reader sees.

    Tab and newline stay; a carriage return is folded into the newline it belongs to.
    """
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n").translate(_BREAKS)
    return _CONTROLS.sub("", text)


def clean_name(text: str) -> str:
    """A person's name as shown: `clean_text`, no invisible characters, one space between words."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", clean_text(text))).strip()


def skeleton(text: str) -> str:
    """What `text` looks like, for comparing names: look-alike letters mapped to Latin, folded,
    only letters and digits: "Bаo Lаi Chаu" (Cyrillic "а") -> "baolaichau".
    """
    return "".join(_WORD.findall(fold(clean_name(text).translate(_LOOKALIKES))))


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
    """Cut plain text at a word boundary to at most `limit` characters.

    The text is plain (a lead, a comment, a body's `body_text`): "Giá xăng <20.000 đồng" keeps
    its "<", and templates escape it. A cut excerpt ends with "...", as the paper prints them
    under related stories.
    """
    plain = _SPACES.sub(" ", text or "").strip()
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


# --- Dates --------------------------------------------------------------------------------


def vietnam_time(value: datetime) -> datetime:
    """`value` in the paper's time zone (settings.TIME_ZONE); a naive value is kept as is."""
    tz = ZoneInfo(settings.TIME_ZONE)
    return timezone.localtime(value, tz) if timezone.is_aware(value) else value


def weekday(value: datetime | None) -> str:
    """`Thứ ba` for a Tuesday."""
    return WEEKDAYS[vietnam_time(value).weekday()] if value else ""


def date_time(value: datetime | None) -> str:
    """`03/02/2015 14:56`."""
    return vietnam_time(value).strftime("%d/%m/%Y %H:%M") if value else ""


def date(value: datetime | None) -> str:
    """`03/02/2015`."""
    return vietnam_time(value).strftime("%d/%m/%Y") if value else ""


def dateline(value: datetime | None) -> str:
    """The story's dateline: `Thứ ba, 03/02/2015 - 14:56'`."""
    if not value:
        return ""
    local = vietnam_time(value)
    return f"{weekday(local)}, {local:%d/%m/%Y - %H:%M}'"


def clock(value: datetime | None) -> str:
    """The header clock: `Thứ bảy, 27/04/2024, 19:47 [GMT+7]`."""
    if not value:
        return ""
    local = vietnam_time(value)
    offset = local.utcoffset()
    hours = int(offset.total_seconds() // 3600) if offset is not None else 0
    return f"{weekday(local)}, {local:%d/%m/%Y, %H:%M} [GMT{hours:+d}]"


def iso(value: datetime | None) -> str:
    """ISO 8601 with the Vietnam offset, for `<time datetime>` and metadata."""
    return vietnam_time(value).isoformat(timespec="seconds") if value else ""


def until(moment: datetime) -> str:
    """`2 giờ`, `1 ngày 3 giờ`, `25 phút`: how long until `moment`, in Vietnamese."""
    return _duration((moment - timezone.now()).total_seconds())


def since(moment: datetime) -> str:
    """`2 giờ`, `1 ngày 3 giờ`, `25 phút`: how long ago `moment` was, in Vietnamese."""
    return _duration((timezone.now() - moment).total_seconds())


def _duration(seconds: float) -> str:
    seconds = max(int(seconds), 0)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return f"{days} ngày {hours} giờ" if hours else f"{days} ngày"
    if hours:
        return f"{hours} giờ {minutes} phút" if minutes else f"{hours} giờ"
    return f"{minutes} phút" if minutes else "dưới 1 phút"
