"""An entry's words as typed at the desk, made into the HTML readers see.

A reporter on a phone types plain text: blank lines part paragraphs, a link's address on a line
of its own stays a paragraph of its own (where the embeds turn it into a click-to-load frame).
HTML pasted from the story editor is kept as written. Either way the result is cleaned by
newsroom.sanitize, the one place editors' HTML is cleaned.
"""

import re
from html import unescape

from django.utils.html import escape

from newsroom.sanitize import clean_html

_HTML = re.compile(r"<(p|a|br|figure|img|strong|em|b|i|ul|ol|blockquote|h[2-4])\b", re.I)
_URL_LINE = re.compile(r"^https?://\S+$")
_PARAGRAPHS = re.compile(r"\n\s*\n")


def _paragraph(text: str) -> str:
    if _URL_LINE.match(text):
        url = escape(text)
        return f'<p><a href="{url}">{url}</a></p>'
    return "<p>" + "<br>".join(escape(line.strip()) for line in text.splitlines()) + "</p>"


def entry_html(typed: str) -> str:
    """The cleaned HTML of what was typed (plain text or HTML)."""
    typed = (typed or "").replace("\r\n", "\n").strip()
    if not typed:
        return ""
    if _HTML.search(typed):
        return clean_html(typed).strip()
    parts = []
    for block in _PARAGRAPHS.split(typed):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        # A link alone on a line is its own paragraph, even without a blank line around it.
        chunk: list[str] = []
        for line in lines:
            if _URL_LINE.match(line):
                if chunk:
                    parts.append(_paragraph("\n".join(chunk)))
                    chunk = []
                parts.append(_paragraph(line))
            else:
                chunk.append(line)
        if chunk:
            parts.append(_paragraph("\n".join(chunk)))
    return clean_html("".join(parts)).strip()


def plain_text(html: str) -> str:
    """The entry's words without markup (JSON-LD articleBody)."""
    text = re.sub(r"<br\s*/?>|</p>|</li>|</figcaption>", "\n", html or "")
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"\n{2,}", "\n", unescape(text)).strip()
