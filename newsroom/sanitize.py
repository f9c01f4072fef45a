"""The one place HTML from editors is cleaned: an explicit bleach allowlist."""

import re

import bleach

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
        "ul", "ol", "li", "blockquote", "a", "figure", "figcaption", "img",
        "table", "thead", "tbody", "tr", "th", "td", "caption",
        # Code and verse: no attributes, so nothing in them can run or link (a code block
        # of the body editor, articles.admin_forms; imported <pre> keeps its lines).
        "pre", "code",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "rel"],
    # `data-file` is the uploaded picture's id, set by the body editor (articles.admin_forms).
    "img": ["src", "alt", "width", "height", "title", "loading", "data-image-id", "data-file"],
    "figure": ["class", "data-image-id"],
    "figcaption": ["class"],
    "th": ["colspan", "rowspan", "scope"],
    "td": ["colspan", "rowspan"],
    "ol": ["start", "type", "data-type"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})

# bleach strips unknown tags but keeps their text; the text of these is code, not prose.
_DROP_WITH_CONTENT = re.compile(
    r"<(script|style|template|noscript|iframe|object)\b.*?(</\1\s*>|\Z)", re.IGNORECASE | re.DOTALL
)

_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)
# bleach re-escapes `&` correctly only inside double-quoted values: a value holding `"` would be
# single-quoted and gain an `amp;` on every save (found by tests/newsroom/test_sanitize_properties).
_cleaner.serializer.use_best_quote_char = False


# Mis-nested markup can come out of one cleaning in a shape that parses differently again
# (`<h2><a><h2></a>`: found by tests/newsroom/test_sanitize_properties), so a story saved
# twice would change. Cleaning is repeated until it settles, which takes two or three passes.
_MAX_PASSES = 5
# An HTML parser drops one newline right after <pre> (browsers show none): each cleaning would
# lose one more. They are all dropped at once, so a second cleaning finds nothing to change.
_PRE_START = re.compile(r"<pre>\n+")


def clean_html(html: str) -> str:
    """Return editor HTML with only the allowlisted tags, attributes and URL schemes."""
    cleaned = _PRE_START.sub("<pre>", _cleaner.clean(_DROP_WITH_CONTENT.sub("", html or "")))
    for _ in range(_MAX_PASSES):
        again = _PRE_START.sub("<pre>", _cleaner.clean(cleaned))
        if again == cleaned:
            break
        cleaned = again
    return cleaned
