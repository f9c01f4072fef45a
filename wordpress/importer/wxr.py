"""Read a WordPress export (WXR 1.0 to 1.2) as a stream, refusing what is unsafe or broken.

The file comes from outside: defusedxml forbids DTDs, entity declarations and external
references, so neither an entity bomb nor a local file can get in. Items are handed out
one at a time and dropped from memory once read, so an archive of any size parses in
constant memory.
"""

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.[0-9]+/$")
EXCERPT = re.compile(r"^\{https?://wordpress\.org/export/1\.[0-9]+/excerpt/\}encoded$")
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
# expat's codes for a document that stops before its elements are closed.
_CUT_OFF = {3, 5, 6}  # no elements, unclosed token, partial character


class RefusedFile(Exception):
    """The whole file is refused; the message says why, in Vietnamese."""


@dataclass
class Author:
    login: str
    display_name: str


@dataclass
class Term:
    kind: str  # "category" or "post_tag"
    key: str  # the term id, or "slug:<nicename>" when the export has none (WXR 1.0)
    slug: str
    name: str
    parent_slug: str = ""
    description: str = ""


@dataclass
class Comment:
    wp_id: str
    parent_id: str
    author: str
    email: str
    ip: str
    date: str
    date_gmt: str
    content: str
    approved: str
    type: str


@dataclass
class Item:
    wp_id: str
    post_type: str
    title: str = ""
    link: str = ""
    guid: str = ""
    content: str = ""
    excerpt: str = ""
    creator: str = ""
    post_date: str = ""
    post_date_gmt: str = ""
    status: str = ""
    post_name: str = ""
    parent_id: str = ""
    password: str = ""
    is_sticky: bool = False
    comment_status: str = "open"
    attachment_url: str = ""
    terms: list[tuple[str, str, str]] = field(default_factory=list)  # domain, nicename, name
    meta: dict[str, str] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)


@dataclass
class BrokenItem:
    """An item that could not be read; it is skipped and reported, the rest goes on."""

    wp_id: str
    title: str
    reason: str
    comments: int = 0  # its comments, skipped with it


@dataclass
class Channel:
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    wxr_version: str = ""
    authors: dict[str, Author] = field(default_factory=dict)
    terms: list[Term] = field(default_factory=list)

    @property
    def site(self) -> str:
        """The blog's identity: its address without scheme or end slash.

        `base_blog_url` tells apart the blogs of WordPress.com (whose `base_site_url` is
        wordpress.com for all) and the sites of a multisite network (the network's root).
        """
        return _site_key(self.base_blog_url or self.base_site_url or self.link)

    @property
    def legacy_site(self) -> str:
        """The key imports made before `base_blog_url` was read: their rows are claimed."""
        return _site_key(self.base_site_url or self.link)


def _site_key(url: str) -> str:
    return re.sub(r"^https?://", "", url.strip()).rstrip("/").lower()


def check_size(path: str, max_bytes: int) -> None:
    try:
        size = os.path.getsize(path)
    except OSError as error:
        raise RefusedFile(f"Không đọc được tệp {path}: {error.strerror}.") from None
    if size > max_bytes:
        raise RefusedFile(
            f"Tệp quá lớn: {size / 1024 / 1024:.1f} MB, vượt giới hạn "
            f"{max_bytes / 1024 / 1024:.0f} MB. Dùng --max-size để nâng giới hạn."
        )


def read(path: str, channel: Channel) -> Iterator[Item | BrokenItem]:
    """Yield the export's items in order, filling `channel` from the header as it goes.

    Raise RefusedFile when the file is not XML, not a WordPress export, unsafe, or cut off.
    """
    wp = None
    started = False
    depth = 0
    parent: Element | None = None
    try:
        for event, value in iterparse(
            path, events=("start-ns", "start", "end"), forbid_dtd=True, forbid_entities=True
        ):
            if event == "start-ns":
                if WP_NAMESPACE.match(value[1]):
                    wp = "{" + value[1] + "}"
                continue
            if event == "start":
                depth += 1
                if not started:
                    started = True
                    if value.tag != "rss" or wp is None:
                        raise RefusedFile(_NOT_WXR)
                if depth == 2:
                    parent = value
                continue
            depth -= 1
            if depth != 2:
                continue
            if value.tag == "item":
                yield _item(value, wp)
            else:
                _header(value, wp, channel)
            parent.remove(value)
    except ParseError as error:
        raise RefusedFile(_parse_error(error, started)) from None
    except DefusedXmlException:
        raise RefusedFile(
            "Tệp chứa khai báo DTD hoặc thực thể (entity): không nhận vì lý do an toàn. "
            "Tệp xuất của WordPress không có những khai báo này."
        ) from None
    except OSError as error:
        raise RefusedFile(f"Không đọc được tệp {path}: {error.strerror}.") from None
    if not started:
        raise RefusedFile(_NOT_XML)
    if not channel.wxr_version:
        raise RefusedFile(_NOT_WXR)


_NOT_XML = "Tệp này không phải XML. Hãy chọn tệp .xml tạo bởi WordPress (Công cụ → Xuất)."
_NOT_WXR = (
    "Tệp XML này không phải tệp xuất của WordPress (WXR 1.0–1.2). "
    "Hãy xuất lại từ WordPress: Công cụ → Xuất → Tất cả nội dung."
)


def _parse_error(error: ParseError, started: bool) -> str:
    line, column = error.position
    if not started:
        return _NOT_XML
    if error.code in _CUT_OFF:
        return (
            f"Tệp bị cắt ngang (dừng ở dòng {line}): có lẽ tải về chưa xong. "
            "Hãy xuất lại từ WordPress rồi nhập tệp đầy đủ."
        )
    return f"Tệp XML bị hỏng ở dòng {line}, cột {column}: không nhập gì cả."


def _text(element: Element, tag: str) -> str:
    found = element.find(tag)
    return (found.text or "") if found is not None else ""


def _header(element: Element, wp: str, channel: Channel) -> None:
    tag = element.tag
    if tag == "title":
        channel.title = element.text or ""
    elif tag == "link":
        channel.link = (element.text or "").strip()
    elif tag == f"{wp}base_site_url":
        channel.base_site_url = (element.text or "").strip()
    elif tag == f"{wp}base_blog_url":
        channel.base_blog_url = (element.text or "").strip()
    elif tag == f"{wp}wxr_version":
        channel.wxr_version = (element.text or "").strip()
    elif tag == f"{wp}author":
        login = _text(element, f"{wp}author_login").strip()
        channel.authors[login] = Author(login, _text(element, f"{wp}author_display_name").strip())
    elif tag == f"{wp}category":
        channel.terms.append(
            _term(
                "category",
                _text(element, f"{wp}term_id"),
                _text(element, f"{wp}category_nicename"),
                _text(element, f"{wp}cat_name"),
                _text(element, f"{wp}category_parent"),
                _text(element, f"{wp}category_description"),
            )
        )
    elif tag == f"{wp}tag":
        channel.terms.append(
            _term(
                "post_tag",
                _text(element, f"{wp}term_id"),
                _text(element, f"{wp}tag_slug"),
                _text(element, f"{wp}tag_name"),
            )
        )


def _term(kind, term_id, slug, name, parent_slug="", description="") -> Term:
    slug = slug.strip()
    term_id = term_id.strip()
    return Term(
        kind=kind,
        key=term_id if term_id.isdigit() else f"slug:{slug}",
        slug=slug,
        name=name.strip() or slug,
        parent_slug=parent_slug.strip(),
        description=description.strip(),
    )


def _item(element: Element, wp: str) -> Item | BrokenItem:
    wp_id = _text(element, f"{wp}post_id").strip()
    title = _text(element, "title")
    if not wp_id.isdigit():
        comments = len(element.findall(f"{wp}comment"))
        return BrokenItem(wp_id, title, "thiếu mã bài (wp:post_id) hợp lệ", comments)
    item = Item(
        wp_id=wp_id,
        post_type=_text(element, f"{wp}post_type").strip(),
        title=title,
        link=_text(element, "link").strip(),
        guid=_text(element, "guid").strip(),
        content=_text(element, f"{CONTENT}encoded"),
        creator=_text(element, f"{DC}creator").strip(),
        post_date=_text(element, f"{wp}post_date").strip(),
        post_date_gmt=_text(element, f"{wp}post_date_gmt").strip(),
        status=_text(element, f"{wp}status").strip(),
        post_name=_text(element, f"{wp}post_name").strip(),
        parent_id=_text(element, f"{wp}post_parent").strip(),
        password=_text(element, f"{wp}post_password"),
        is_sticky=_text(element, f"{wp}is_sticky").strip() == "1",
        comment_status=_text(element, f"{wp}comment_status").strip() or "open",
        attachment_url=_text(element, f"{wp}attachment_url").strip(),
    )
    for child in element:
        if EXCERPT.match(child.tag):
            item.excerpt = child.text or ""
        elif child.tag == "category":
            # WXR 1.0 writes a post's tags as domain="tag"; WordPress's importer reads post_tag.
            domain = child.get("domain", "")
            domain = "post_tag" if domain == "tag" else domain
            item.terms.append((domain, child.get("nicename", "").strip(), child.text or ""))
        elif child.tag == f"{wp}postmeta":
            item.meta[_text(child, f"{wp}meta_key")] = _text(child, f"{wp}meta_value")
        elif child.tag == f"{wp}comment":
            item.comments.append(
                Comment(
                    wp_id=_text(child, f"{wp}comment_id").strip(),
                    parent_id=_text(child, f"{wp}comment_parent").strip(),
                    author=_text(child, f"{wp}comment_author"),
                    email=_text(child, f"{wp}comment_author_email").strip(),
                    ip=_text(child, f"{wp}comment_author_IP").strip(),
                    date=_text(child, f"{wp}comment_date").strip(),
                    date_gmt=_text(child, f"{wp}comment_date_gmt").strip(),
                    content=_text(child, f"{wp}comment_content"),
                    approved=_text(child, f"{wp}comment_approved").strip(),
                    type=_text(child, f"{wp}comment_type").strip(),
                )
            )
    return item
