"""WordPress shortcodes in a post: captions and galleries become figures, the rest is dropped.

The pattern is WordPress's own (get_shortcode_regex): `[[name]]` is an escaped, literal
`[name]`; an enclosing shortcode ends at `[/name]`.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

# Shortcodes of WordPress itself and of common plugins, dropped even when bare ("[video]").
KNOWN = {"audio", "video", "playlist", "embed", "caption", "wp_caption", "gallery"}
_NAME = r"[a-zA-Z][\w-]*"
_ATTRS = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)"""
    r"""|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)"""
)
_URL = re.compile(r"^https?://\S+$")
_CAPTION_IMG = re.compile(r"((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)(.*)", re.I | re.S)


def _pattern(names: str) -> re.Pattern:
    return re.compile(
        r"\[(\[?)(" + names + r")(?![\w-])"
        r"([^\]/]*(?:/(?!\])[^\]/]*)*?)"
        r"(?:(/)\]|\](?:([^\[]*+(?:\[(?!/\2\])[^\[]*+)*+)\[/\2\])?)"
        r"(\]?)"
    )


_FIGURES = _pattern("caption|wp_caption|gallery")
_ANY = _pattern(_NAME)


@dataclass(frozen=True)
class Picture:
    """An imported picture as a body shows it."""

    image_id: int | None
    url: str
    alt: str
    caption: str


def attributes(text: str) -> dict[str, str]:
    attrs = {}
    for match in _ATTRS.finditer(text or ""):
        key, value = next(
            (match.group(i).lower(), match.group(i + 1))
            for i in (1, 3, 5)
            if match.group(i) is not None
        )
        attrs[key] = value
    return attrs


def _figure(picture: Picture, inner: str | None = None, caption: str | None = None) -> str:
    image_id = f' data-image-id="{picture.image_id}"' if picture.image_id else ""
    if inner is None:
        inner = f'<img src="{escape(picture.url)}" alt="{escape(picture.alt)}">'
    caption = picture.caption if caption is None else caption
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"<figure{image_id}>{inner}{figcaption}</figure>"


@dataclass
class Expansion:
    html: str
    removed: list[str]
    missing: list[str]


def expand(text: str, picture: Callable[[str], Picture | None], children: list[str]) -> Expansion:
    """Captions and galleries to figures; every other shortcode removed (its name recorded).

    `picture(wp_id)` gives an imported picture, `children` the ids of the post's own
    attachments (a gallery without `ids` shows those, as in WordPress).
    """
    removed: list[str] = []
    missing: list[str] = []

    def figures(match: re.Match) -> str:
        if match.group(1) == "[" and match.group(6) == "]":
            return match.group(0)[1:-1]
        name, attrs = match.group(2).lower(), attributes(match.group(3))
        if name == "gallery":
            wanted = attrs.get("ids") or attrs.get("include") or ""
            ids = [i.strip() for i in wanted.split(",") if i.strip()] or children
            excluded = {i.strip() for i in attrs.get("exclude", "").split(",")}
            shown = []
            for wp_id in ids:
                if wp_id in excluded:
                    continue
                found = picture(wp_id)
                if found is None:
                    missing.append(wp_id)
                else:
                    shown.append(_figure(found))
            return "".join(shown)
        content = (match.group(5) or "").strip()
        caption = attrs.get("caption")
        if caption is None and (parts := _CAPTION_IMG.match(content)):
            content, caption = parts.group(1), parts.group(2).strip()
        attachment = attrs.get("id", "").removeprefix("attachment_")
        found = picture(attachment) if attachment.isdigit() else None
        found = found or Picture(None, "", "", "")
        return "\n\n" + _figure(found, content, caption or "") + "\n\n"

    def others(match: re.Match) -> str:
        whole, name = match.group(0), match.group(2)
        if match.group(1) == "[" and match.group(6) == "]":
            return whole[1:-1]
        attrs, closed, content = match.group(3), match.group(4), match.group(5)
        shortcode = name.lower() in KNOWN or closed or content is not None or "=" in (attrs or "")
        if not shortcode:
            return whole
        removed.append(name.lower())
        content = (content or "").strip()
        if _URL.match(content):
            return f'<a href="{escape(content)}">{escape(content)}</a>'
        return match.group(1) + content + match.group(6)

    text = _ANY.sub(lambda m: others(m) if m.group(2).lower() not in _FIGURE_NAMES else m[0], text)
    text = _FIGURES.sub(figures, text)
    return Expansion(text, removed, missing)


_FIGURE_NAMES = {"caption", "wp_caption", "gallery"}
