"""What a WordPress post becomes: title, body, lead, status, dates, and its comments."""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from fnmatch import fnmatch
from html import unescape
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.html import strip_tags

from articles.models import Article
from comments.models import Comment as OurComment
from newsroom.sanitize import clean_html
from newsroom.vietnamese import clean_name, clean_text, excerpt, nfc

from . import embeds
from .autop import wpautop
from .markup import foreign_pictures, near_equivalents
from .shortcodes import Picture, expand
from .wxr import Channel, Item

STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.PUBLISHED,  # with its date ahead: scheduled
    "draft": Article.Status.DRAFT,
    "auto-draft": Article.Status.DRAFT,
    "pending": Article.Status.PENDING,
    "private": Article.Status.UNPUBLISHED,
}
COMMENT_STATUSES = {
    "1": OurComment.Status.APPROVED,
    "approve": OurComment.Status.APPROVED,
    "0": OurComment.Status.PENDING,
    "hold": OurComment.Status.PENDING,
    "spam": OurComment.Status.SPAM,
    "trash": OurComment.Status.REJECTED,
    "post-trashed": OurComment.Status.REJECTED,
}
# The model's limits: a longer title or lead is cut here rather than refused by the database.
TITLE_MAX = Article._meta.get_field("title").max_length
LEAD_MAX = Article._meta.get_field("lead").max_length
_SPACES = re.compile(r"\s+")
_DANGLING_BR = re.compile(r"<br>\s*</p>")
_EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>\n?")
_BLANK_LINES = re.compile(r"\n\s*\n\s*\n")
_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S)
_FIGURES = re.compile(r"<figure\b.*?</figure>", re.S)
_URL_ATTR = re.compile(r"""(\s(?:src|href)\s*=\s*)(["'])(.*?)\2""", re.I | re.S)
# Under uploads, a multisite's /files/ (blogs.dir on the server) or a WordPress.com blog's
# picture host (<blog>.files.wordpress.com/2008/06/x.jpg, also behind the i0.wp.com proxy).
_UPLOADS = re.compile(
    r"/wp-content/uploads/(?:sites/\d+/)?(.+)$|\.files\.wordpress\.com/(.+)$|/files/(.+)$"
)
_SIZE_SUFFIX = re.compile(r"-(?:\d+x\d+|scaled|rotated)(?=\.[A-Za-z0-9]+$)")


def plain(html: str) -> str:
    """Markup stripped, entities decoded, spaces collapsed: a title, a lead or a comment."""
    return _SPACES.sub(" ", clean_text(unescape(strip_tags(unescape(nfc(html or "")))))).strip()


def parse_date(value: str, tz: tzinfo) -> datetime | None:
    """A WordPress date ("2015-03-17 08:30:00") in `tz`; None when empty or all zeros."""
    value = (value or "").strip()
    if not value or value.startswith("0000"):
        return None
    try:
        return datetime.strptime(value[:19], "%Y-%m-%d %H:%M:%S").replace(tzinfo=tz)
    except ValueError:
        return None


def item_date(gmt: str, local: str, tz: tzinfo) -> datetime | None:
    """From the GMT date, or from the local date in the site's zone when GMT is empty or zero."""
    return parse_date(gmt, UTC) or parse_date(local, tz)


def upload_path(url: str) -> str | None:
    """The path of a URL under wp-content/uploads ("2015/03/anh.jpg"), or None."""
    found = _UPLOADS.search((url or "").split("?")[0].split("#")[0])
    return next((g for g in found.groups() if g), None) if found else None


def attached_path(value: str) -> str:
    """`_wp_attached_file` as a path under uploads.

    WordPress.com and old multisites keep the server's absolute path there
    (/home/wpcom/public_html/wp-content/blogs.dir/…/files/2025/01/x.jpg): its part under
    uploads is what a copy of the uploads folder has.
    """
    value = (value or "").strip()
    if value.startswith("/") or "://" in value:
        return upload_path(value) or value.lstrip("/")
    return value


def original_path(path: str) -> str:
    """The uploaded original of a resized copy: 2015/03/anh-300x200.jpg -> 2015/03/anh.jpg."""
    return _SIZE_SUFFIX.sub("", path)


@dataclass
class Context:
    """What every post of one import is mapped with."""

    channel: Channel
    tz: tzinfo
    pictures: dict[str, Picture] = field(default_factory=dict)  # by attachment id
    paths: dict[str, str] = field(default_factory=dict)  # upload path -> attachment id
    children: dict[str, list[str]] = field(default_factory=dict)  # post id -> attachment ids

    def picture_for_url(self, url: str) -> Picture | None:
        path = upload_path(url)
        if path is None:
            return None
        wp_id = self.paths.get(path) or self.paths.get(original_path(path))
        return self.pictures.get(wp_id) if wp_id else None


@dataclass
class Story:
    title: str
    body: str
    lead: str
    byline: str
    status: str
    published_at: datetime | None
    featured: bool
    allow_comments: bool
    hero: Picture | None
    warnings: list[str] = field(default_factory=list)


def map_post(item: Item, ctx: Context) -> Story:
    warnings: list[str] = []
    block_editor = "<!-- wp:" in (item.content or "")
    # Embeds first, before the shortcodes' rules drop theirs (wordpress/importer/embeds.py).
    content, embed_warnings = embeds.isolate(item.content or "", classic=not block_editor)
    expansion = expand(
        content, lambda wp_id: ctx.pictures.get(wp_id), ctx.children.get(item.wp_id, [])
    )
    if expansion.removed:
        names = ", ".join(f"[{n}]" for n in sorted(set(expansion.removed)))
        warnings.append(f"đã bỏ shortcode {names}")
    if expansion.missing:
        missing = dict.fromkeys(expansion.missing)  # once each, however many galleries
        warnings.append(f"bộ ảnh thiếu ảnh #{', #'.join(missing)}")
    html = expansion.html
    if not block_editor:
        # Block-editor posts carry their own paragraphs; WordPress skips wpautop for them too.
        html = wpautop(html)
    html, lost = near_equivalents(html)
    if lost:
        names = ", ".join(f"<{name}>" for name in lost)
        warnings.append(f"thẻ {names} không có ở đây: chỉ giữ chữ")
    body = clean_html(_rewrite_picture_links(html, ctx))
    # A picture not brought in would be blocked by the page's CSP (img-src 'self'): an empty
    # frame. It is taken out, its caption kept, and named.
    body, hotlinked = foreign_pictures(body, is_ours)
    if hotlinked:
        warnings.append(f"ảnh không nhập được, đã bỏ khỏi bài: {', '.join(hotlinked)}")
    # What markup the sanitiser dropped (a script, <!--more-->) leaves behind.
    body = _EMPTY_PARAGRAPH.sub("", _DANGLING_BR.sub("</p>", body))
    body = _BLANK_LINES.sub("\n\n", body).strip()
    body, settled = embeds.settle(body)
    warnings += embed_warnings + settled

    title = plain(item.title)
    if not title:
        title = excerpt(plain(body), limit=80) or f"Bài không tên (WordPress #{item.wp_id})"
        warnings.append("bài không có tiêu đề: lấy đầu nội dung làm tiêu đề")
    elif len(title) > TITLE_MAX:
        title = excerpt(title, limit=TITLE_MAX)

    lead = plain(item.excerpt)
    if not lead:
        lead, body = _lead_from_body(body)
    if len(lead) > LEAD_MAX:
        lead = excerpt(lead, limit=LEAD_MAX)

    status = STATUSES.get(item.status, Article.Status.DRAFT)
    if item.status not in STATUSES:
        warnings.append(f"trạng thái “{item.status}” không rõ: nhập thành bản nháp")
    if item.password.strip():
        status = Article.Status.UNPUBLISHED
        warnings.append("bài có mật khẩu trên WordPress: nhập ở trạng thái đã gỡ, không xuất bản")
    published_at = item_date(item.post_date_gmt, item.post_date, ctx.tz)
    if status == Article.Status.PUBLISHED and published_at is None:
        status = Article.Status.DRAFT
        warnings.append("bài đã đăng nhưng không có ngày: nhập thành bản nháp")
    if status in (Article.Status.DRAFT, Article.Status.PENDING) and not parse_date(
        item.post_date_gmt, UTC
    ):
        # WordPress leaves a draft's GMT date at zero: it has no publication time yet.
        published_at = None

    author = ctx.channel.authors.get(item.creator)
    byline = (author.display_name if author else "") or item.creator
    thumbnail = item.meta.get("_thumbnail_id", "").strip()
    hero = ctx.pictures.get(thumbnail) if thumbnail else None
    if thumbnail and hero is None:
        warnings.append(f"không có ảnh đại diện #{thumbnail} (ảnh thiếu hoặc không nhận)")
    return Story(
        title=title,
        body=body,
        lead=lead,
        byline=byline[:200],
        status=status,
        published_at=published_at,
        featured=item.is_sticky,
        allow_comments=item.comment_status != "closed",
        hero=hero,
        warnings=warnings,
    )


def _lead_from_body(body: str) -> tuple[str, str]:
    """The first paragraph as the lead, taken out of the body so a reader sees it once.

    A body of one paragraph keeps it (and lends its start to the lead). Captions are not a
    lead: a story that is one captioned picture has none rather than the caption twice.
    """
    for match in _PARAGRAPH.finditer(body):
        if embeds.is_link_only(match.group(1)):
            continue  # an embed, or a link alone: no lead
        if text := plain(match.group(1)):
            rest = (body[: match.start()] + body[match.end() :]).strip()
            if plain(rest) or "<img" in rest:
                return text, rest
            return excerpt(text, limit=LEAD_MAX), body
    text = _PARAGRAPH.sub(lambda m: "" if embeds.is_link_only(m.group(1)) else m.group(0), body)
    return excerpt(plain(_FIGURES.sub("", text)), limit=LEAD_MAX), body


def is_ours(src: str) -> bool:
    """Whether a picture at `src` is served from here: a path of ours or a media origin."""
    if src.startswith("/") and not src.startswith(("//", "/\\")):
        return True
    parts = urlsplit(src)
    origin = f"{parts.scheme}://{parts.netloc}"
    return bool(parts.netloc) and any(fnmatch(origin, o) for o in settings.MEDIA_ORIGINS)


def _rewrite_picture_links(html: str, ctx: Context) -> str:
    """Point `src` and `href` at our copy of an imported picture, resized copies included."""

    def replace(match: re.Match) -> str:
        picture = ctx.picture_for_url(unescape(match.group(3)))
        if picture is None or not picture.url:
            return match.group(0)
        return f"{match.group(1)}{match.group(2)}{picture.url}{match.group(2)}"

    return _URL_ATTR.sub(replace, html)


@dataclass
class CommentFields:
    wp_id: str
    parent_wp_id: str | None  # the top-level comment of its thread, or None
    name: str
    email: str
    ip: str | None
    created_at: datetime | None  # None: the export has no date (write_comments picks one)
    body: str
    status: str


def map_comments(item: Item, tz: tzinfo) -> tuple[list, int, int]:
    """Readers' comments of a post, threads folded to one level of replies.

    Return the comments (top-level ones first), and how many pingbacks/trackbacks and
    unreadable comments were left out.
    """
    readers = [c for c in item.comments if c.type in ("", "comment")]
    pings = sum(1 for c in item.comments if c.type in ("pingback", "trackback"))
    broken = len(item.comments) - len(readers) - pings
    parents = {c.wp_id: c.parent_id for c in readers}

    def thread_of(wp_id: str) -> str | None:
        parent, seen = parents.get(wp_id), {wp_id}
        if parent not in parents:
            return None
        while parents.get(parent) in parents and parent not in seen:
            seen.add(parent)
            parent = parents[parent]
        return None if parent == wp_id else parent

    mapped = []
    for comment in readers:
        if not comment.wp_id.isdigit():
            broken += 1
            continue
        mapped.append(
            CommentFields(
                wp_id=comment.wp_id,
                parent_wp_id=thread_of(comment.wp_id),
                name=clean_name(plain(comment.author))[:100] or "Bạn đọc",
                email=comment.email[:254],
                ip=_ip(comment.ip),
                created_at=item_date(comment.date_gmt, comment.date, tz),
                body=_comment_text(comment.content),
                status=COMMENT_STATUSES.get(comment.approved, OurComment.Status.PENDING),
            )
        )
    mapped.sort(key=lambda c: c.parent_wp_id is not None)
    return mapped, pings, broken


def _ip(value: str) -> str | None:
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_ipv46_address

    try:
        validate_ipv46_address(value)
    except ValidationError:
        return None
    return value


def _comment_text(html: str) -> str:
    """A comment as our plain text: paragraphs kept as blank lines, markup dropped."""
    text = nfc(html or "").replace("\r\n", "\n")
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    text = re.sub(r"</p>\s*", "\n\n", text, flags=re.I)
    text = clean_text(unescape(strip_tags(text)))
    return re.sub(r"\n{3,}", "\n\n", text).strip()
