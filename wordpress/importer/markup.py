"""Markup our body does not have: mapped to its near equivalent, or named in a warning.

Our sanitiser keeps h2–h4, so `h1` becomes `h2` and `h5`/`h6` become `h4`. Definition lists
and `address` keep their text as paragraphs; these and other tags whose meaning is lost
(forms, `kbd`, `details`…) are listed in the story's warnings rather than dropped silently.
Pictures whose file is not ours are taken out (the page's CSP would show an empty frame),
keeping a caption as a paragraph, and their names are returned for the report.
"""

import re
from html import unescape
from pathlib import PurePosixPath
from urllib.parse import urlsplit

_HEADING = re.compile(r"<(/?)h([1-6])\b([^>]*)>", re.I)
_HEADING_LEVEL = {"1": "2", "2": "2", "3": "3", "4": "4", "5": "4", "6": "4"}
_AS_PARAGRAPH = re.compile(r"<(/?)(?:dt|dd|address)\b[^>]*>", re.I)
_DL = re.compile(r"</?dl\b[^>]*>", re.I)
# Tags whose loss changes what a reader sees (their text stays); layout wrappers such as
# div and span are not worth a warning.
LOST = (
    "dl", "address", "details", "summary", "kbd", "samp", "var", "tt", "form", "input",
    "select", "textarea", "button", "math", "svg", "canvas", "map", "dfn", "marquee", "ruby",
)  # fmt: skip
_LOST = re.compile(r"<(" + "|".join(LOST) + r")\b", re.I)


def near_equivalents(html: str) -> tuple[str, list[str]]:
    """`html` with headings and definition lists mapped; the lost tags' names, once each."""
    lost = list(dict.fromkeys(m.group(1).lower() for m in _LOST.finditer(html)))
    html = _HEADING.sub(lambda m: f"<{m.group(1)}h{_HEADING_LEVEL[m.group(2)]}{m.group(3)}>", html)
    html = _AS_PARAGRAPH.sub(lambda m: f"<{m.group(1)}p>", _DL.sub("", html))
    return html, lost


_FIGURE = re.compile(r"<figure\b[^>]*>(.*?)</figure>", re.S | re.I)
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_SRC = re.compile(r"""\ssrc\s*=\s*(["'])(.*?)\1""", re.I | re.S)
_FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.S | re.I)
_EMPTY_LINK = re.compile(r"<a\b[^>]*>\s*</a>", re.I)


def _src(tag: str) -> str:
    found = _SRC.search(tag)
    return unescape(found.group(2)) if found else ""


def foreign_pictures(html: str, ours) -> tuple[str, list[str]]:
    """Take out every picture whose `src` is not `ours(src)`; return the names taken out.

    A figure left without a picture becomes its caption, as a paragraph; a link left empty
    goes with its picture.
    """
    names: list[str] = []

    def image(match: re.Match) -> str:
        src = _src(match.group(0))
        if ours(src):
            return match.group(0)
        names.append(PurePosixPath(urlsplit(src).path).name or src or "(không có địa chỉ)")
        return ""

    def pictures(part: str) -> str:
        return _EMPTY_LINK.sub("", _IMG.sub(image, part))

    def figure(match: re.Match) -> str:
        inner = pictures(match.group(1))
        if _IMG.search(inner):
            return match.group(0).replace(match.group(1), inner)
        caption = _FIGCAPTION.search(inner)
        return f"<p>{caption.group(1)}</p>" if caption and caption.group(1).strip() else ""

    pieces, last = [], 0
    for match in _FIGURE.finditer(html):
        pieces += [pictures(html[last : match.start()]), figure(match)]
        last = match.end()
    pieces.append(pictures(html[last:]))
    return "".join(pieces), list(dict.fromkeys(names))
