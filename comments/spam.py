"""Spam defences that need no outside service: form timing, links and blocked words."""

import re
import secrets
import time

from django.conf import settings
from django.core import signing

from newsroom.vietnamese import nfc

from .models import BlockedWord

TOKEN_SALT = "comments.form-timestamp"
# One match per link: "https://www.example.com" is one link, not two.
_LINK = re.compile(r"(?:(?:https?|ftp)://|www\.)[^\s<>\"']+|\[url", re.IGNORECASE)


class TokenError(Exception):
    """The form's timestamp is missing, forged, too fresh or too old; `message` says which."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


def make_token(article_id: int) -> str:
    """A signed note of when the form for this story was made, with a nonce of its own.

    The nonce makes the token single-use (see comments/once.py): every showing of the form,
    and every call of the token endpoint, gets a new one.
    """
    return signing.dumps(
        {"a": article_id, "t": time.time(), "n": secrets.token_urlsafe(18)},
        salt=TOKEN_SALT,
        compress=True,
    )


def check_token(token: str, article_id: int) -> str:
    """Return the form's nonce if it was made for this story, long enough ago but not too long.

    Raise TokenError otherwise. A token made before nonces existed returns "".

    The timestamp is the time the page was made: on a page served from a cache it is older
    than the reader's visit, which only ever helps the honest reader past the minimum.
    """
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT)
        made, story, nonce = float(data["t"]), int(data["a"]), str(data.get("n", ""))
    except (signing.BadSignature, AttributeError, KeyError, TypeError, ValueError):
        raise TokenError(
            "Biểu mẫu không hợp lệ. Vui lòng bấm Gửi bình luận lần nữa.", "bad_token"
        ) from None
    if story != article_id:
        raise TokenError("Biểu mẫu không thuộc bài viết này. Vui lòng gửi lại.", "bad_token")
    age = time.time() - made
    if age < settings.COMMENT_MIN_FILL_SECONDS:
        raise TokenError(
            "Bạn gửi quá nhanh. Vui lòng đọc lại bình luận rồi bấm Gửi bình luận lần nữa.",
            "too_fast",
        )
    if age > settings.COMMENT_FORM_MAX_AGE:
        raise TokenError(
            "Biểu mẫu đã quá hạn. Nội dung của bạn vẫn còn, vui lòng bấm Gửi bình luận lần nữa.",
            "expired",
        )
    return nonce[:64]


def count_links(text: str) -> int:
    return len(_LINK.findall(text or ""))


def blocked_word_in(*texts: str) -> str:
    """The first blocked word or phrase found as a whole word in the texts, or ""."""
    haystack = " ".join(nfc(text).casefold() for text in texts)
    for word in BlockedWord.objects.values_list("word", flat=True):
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", haystack):
            return word
    return ""


_LINKS_REASON = re.compile(r"\d+ liên kết \(tối đa \d+\)")


def held_for_links(reason: str) -> bool:
    """Whether `reason` (a Comment's spam_reason from spam_reason below) is the links' count."""
    return bool(_LINKS_REASON.fullmatch(reason or ""))


def spam_reason(name: str, body: str) -> str:
    """Why a comment should go straight to spam, or "" when it may wait for a moderator."""
    links = count_links(name) + count_links(body)
    if links > settings.COMMENT_MAX_LINKS:
        return f"{links} liên kết (tối đa {settings.COMMENT_MAX_LINKS})"
    word = blocked_word_in(name, body)
    if word:
        return f"chứa từ bị chặn “{word}”"
    return ""
