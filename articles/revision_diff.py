"""What restoring a revision changes in a story's title, lead and body, word by word.

The editor reads it on the revision page before saving: words readers see now that would go
are in `<del>`, words the revision brings back in `<ins>`. The body is compared as text, one
paragraph to a line, so that a changed word is marked and not the markup around it.
"""

import difflib
import re
from html import unescape

import bleach
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from reversion.models import Version

from .models import Article

# The fields shown, with their Vietnamese names.
FIELDS = {"title": "Tiêu đề", "lead": "Sapo", "body": "Nội dung"}

_BREAK = "\n"
# Where a paragraph of the body ends, as far as a reader of the diff is concerned.
_BLOCK_END = re.compile(r"</(p|h[2-6]|li|blockquote|figcaption|tr|caption)\s*>|<br\s*/?>", re.I)


def _text_of(html: str) -> str:
    """The body's words, one paragraph to a line, no markup."""
    # Line breaks in the markup are not paragraphs; only the block ends below are.
    marked = _BLOCK_END.sub(_BREAK, re.sub(r"\s+", " ", html or ""))
    return unescape(bleach.clean(marked, tags=set(), strip=True, strip_comments=True))


def _tokens(text: str) -> list[str]:
    """Words and paragraph breaks."""
    text = re.sub(r"\s*\n\s*", _BREAK, text.strip())
    return [token for token in re.split(r"(\n)|[^\S\n]+", text) if token]


def _show(tokens: list[str]) -> str:
    return " ".join("<br>" if token == _BREAK else escape(token) for token in tokens)


def diff_words(present: str, revision: str) -> SafeString:
    """`present` turned into `revision`, marked with `<del>` and `<ins>` (escaped text)."""
    before, after = _tokens(present), _tokens(revision)
    parts = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(_show(before[i1:i2]))
            continue
        if i2 > i1:
            parts.append(f"<del>{_show(before[i1:i2])}</del>")
        if j2 > j1:
            parts.append(f"<ins>{_show(after[j1:j2])}</ins>")
    # Every word was escaped above; the allowlist keeps it so should that ever change.
    html = bleach.clean(" ".join(parts), tags={"ins", "del", "br"}, attributes={}, strip=True)
    return mark_safe(html)


def changes(present: dict, revision: dict) -> list[dict]:
    """Each field's diff, and whether it changes at all, between the story now and a revision."""
    shown = []
    for name, label in FIELDS.items():
        now, then = present.get(name) or "", revision.get(name) or ""
        if name == "body":
            now, then = _text_of(now), _text_of(then)
        shown.append(
            {"name": name, "label": label, "changed": now != then, "diff": diff_words(now, then)}
        )
    return shown


def for_version(version: Version) -> list[dict]:
    """The changes restoring a story's `version` would make, if the story is there."""
    present = Article.objects.filter(pk=version.object_id).values(*FIELDS).first()
    if present is None:
        return []
    return changes(present, version.field_dict)
