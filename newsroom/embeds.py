"""Embeds that respect the reader: a provider's URL alone in a paragraph, loaded on a click.

The body keeps an embed as WordPress does, the provider's URL alone in a paragraph
(`<p>https://youtu.be/ID</p>`, or that URL as a link to itself), so the sanitiser never keeps
an iframe. `reader_body` turns each such paragraph of an allowlisted provider into a
placeholder of ours (text and CSS: no request leaves for the provider); static/js/embeds.js
puts the provider's frame in its place when the reader presses "Xem". `frame_origins` says
which origins the page's CSP `frame-src` must then allow (newsroom.csp.FRAME_SRC).

The providers a site allows are the setting `EMBED_PROVIDERS` (keys of `PROVIDERS`). A URL of
another provider, or one that does not match a provider's forms exactly, stays a link.
"""

import re
from dataclasses import dataclass
from html import escape, unescape
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

DEFAULT_PROVIDERS = ("youtube", "facebook", "tiktok", "x")

# What a frame may do. Each provider's player needs its scripts and its own origin (cookies,
# storage); a link in it opens a normal tab. Nothing more: no forms, no top navigation.
_SANDBOX = "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"


@dataclass(frozen=True)
class Form:
    """One URL form of a provider: `pattern` over host + path (+ `?query`), its frame URL.

    The pattern's first group is the item's id, put into `frame` as `{id}`; `{href}` is the
    whole URL, percent-encoded (Facebook's plugins take the post's address). The patterns are
    written so that JavaScript reads them the same way (the editor's button checks with them).
    """

    pattern: str
    frame: str
    title: str
    shape: str = "wide"  # the frame's proportions (static/css/site.css): wide, tall, post


@dataclass(frozen=True)
class Provider:
    key: str
    name: str
    origin: str
    forms: tuple[Form, ...]
    allow: str = ""
    sandbox: str = _SANDBOX

    def match(self, subject: str) -> tuple[Form, str] | None:
        for form in self.forms:
            found = re.fullmatch(form.pattern, subject)
            if found:
                return form, found.group(1)
        return None


_QUERY = r"(?:\?[^#]*)?"
_YT_ID = r"([A-Za-z0-9_-]{11})"
_FB = r"(?:www\.|m\.|web\.)?facebook\.com"
_FB_NAME = r"[A-Za-z0-9.-]+"
_FB_VIDEO = "https://www.facebook.com/plugins/video.php?href={href}&show_text=false"
_FB_POST = "https://www.facebook.com/plugins/post.php?href={href}&show_text=true"
_X_FRAME = "https://platform.twitter.com/embed/Tweet.html?id={id}&dnt=true"

PROVIDERS = {
    provider.key: provider
    for provider in (
        Provider(
            "youtube",
            "YouTube",
            "https://www.youtube-nocookie.com",
            allow="encrypted-media; picture-in-picture; fullscreen",
            forms=tuple(
                Form(pattern, "https://www.youtube-nocookie.com/embed/{id}", "Video YouTube")
                for pattern in (
                    r"(?:www\.|m\.|music\.)?youtube\.com/watch\?(?:[^#]*&)?v=" + _YT_ID
                    + r"(?:&[^#]*)?",
                    r"youtu\.be/" + _YT_ID + _QUERY,
                    r"(?:www\.|m\.)?youtube\.com/(?:embed|shorts|live|v)/" + _YT_ID + r"/?"
                    + _QUERY,
                    r"(?:www\.)?youtube-nocookie\.com/embed/" + _YT_ID + _QUERY,
                )
            ),
        ),
        Provider(
            "facebook",
            "Facebook",
            "https://www.facebook.com",
            allow="encrypted-media; picture-in-picture; fullscreen",
            forms=(
                Form(_FB + "/(" + _FB_NAME + r")/videos/(?:" + _FB_NAME + r"/)?\d+/?" + _QUERY,
                     _FB_VIDEO, "Video Facebook"),
                Form(_FB + r"/(watch)/?\?(?:[^#]*&)?v=\d+(?:&[^#]*)?", _FB_VIDEO,
                     "Video Facebook"),
                Form(_FB + r"/(reel|share/[vr])/[A-Za-z0-9]+/?" + _QUERY, _FB_VIDEO,
                     "Video Facebook", "tall"),
                Form(r"fb\.(watch)/[A-Za-z0-9_-]+/?", _FB_VIDEO, "Video Facebook"),
                Form(_FB + "/(" + _FB_NAME + r")/posts/[A-Za-z0-9]+/?" + _QUERY, _FB_POST,
                     "Bài đăng Facebook", "post"),
                Form(_FB + r"/(permalink|story)\.php\?story_fbid=[A-Za-z0-9]+&id=\d+", _FB_POST,
                     "Bài đăng Facebook", "post"),
                Form(_FB + r"/(photo)(?:\.php)?/?\?fbid=\d+(?:&[^#]*)?", _FB_POST,
                     "Ảnh trên Facebook", "post"),
                Form(_FB + "/(" + _FB_NAME + r")/photos/(?:" + _FB_NAME + r"/)?\d+/?" + _QUERY,
                     _FB_POST, "Ảnh trên Facebook", "post"),
                Form(_FB + r"/(share/p)/[A-Za-z0-9]+/?" + _QUERY, _FB_POST,
                     "Bài đăng Facebook", "post"),
            ),
        ),
        Provider(
            "tiktok",
            "TikTok",
            "https://www.tiktok.com",
            allow="encrypted-media; fullscreen",
            forms=(
                Form(r"(?:www\.|m\.)?tiktok\.com/@[A-Za-z0-9._-]+/video/(\d+)/?" + _QUERY,
                     "https://www.tiktok.com/embed/v2/{id}", "Video TikTok", "tall"),
                Form(r"(?:www\.)?tiktok\.com/embed/(?:v2/)?(\d+)/?" + _QUERY,
                     "https://www.tiktok.com/embed/v2/{id}", "Video TikTok", "tall"),
            ),
        ),
        Provider(
            "x",
            "X",
            "https://platform.twitter.com",
            forms=(
                Form(r"(?:www\.|mobile\.)?(?:twitter|x)\.com/[A-Za-z0-9_]{1,15}/status(?:es)?/"
                     r"(\d+)/?" + _QUERY, _X_FRAME, "Bài đăng trên X", "post"),
                Form(r"(?:www\.|mobile\.)?(?:twitter|x)\.com/i/web/status/(\d+)/?" + _QUERY,
                     _X_FRAME, "Bài đăng trên X", "post"),
            ),
        ),
        # Not on by default: a site adds them to EMBED_PROVIDERS.
        Provider(
            "vimeo",
            "Vimeo",
            "https://player.vimeo.com",
            allow="picture-in-picture; fullscreen",
            forms=(
                Form(r"(?:www\.)?vimeo\.com/(\d+)/?" + _QUERY,
                     "https://player.vimeo.com/video/{id}?dnt=1", "Video Vimeo"),
                Form(r"player\.vimeo\.com/video/(\d+)/?" + _QUERY,
                     "https://player.vimeo.com/video/{id}?dnt=1", "Video Vimeo"),
            ),
        ),
        Provider(
            "instagram",
            "Instagram",
            "https://www.instagram.com",
            forms=(
                Form(r"(?:www\.)?instagram\.com/(?:p|reel|tv)/([A-Za-z0-9_-]+)/?" + _QUERY,
                     "https://www.instagram.com/p/{id}/embed/", "Bài đăng Instagram", "post"),
            ),
        ),
    )
}  # fmt: skip

# Only these characters may appear in an embedded URL: anything else (quotes, brackets,
# spaces, backslashes) is not a URL a provider gives out, and stays a link.
_URL_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+")
_EMBED_SRC = re.compile(r'<figure class="embed[^"]*" data-embed-src="([^"]+)"')
# A paragraph holding only a URL, bare or as a link to itself (the sanitiser's markup).
_LONE_URL = re.compile(
    r'<p>\s*(?:<a href="([^"]*)"[^>]*>\s*([^<]*?)\s*</a>|([^<\s]+))\s*(?:<br\s*/?>\s*)?</p>'
)


@dataclass(frozen=True)
class Embed:
    """An allowlisted URL, as the reader's page shows it."""

    provider: Provider
    form: Form
    url: str
    frame_src: str


def enabled() -> list[Provider]:
    """The providers the site allows (EMBED_PROVIDERS), in the setting's order."""
    keys = getattr(settings, "EMBED_PROVIDERS", DEFAULT_PROVIDERS)
    return [PROVIDERS[key] for key in keys if key in PROVIDERS]


def subject_of(url: str) -> str | None:
    """`host/path?query` of an http(s) URL to match forms against; None when it is not one.

    A URL with credentials, a port, or characters no provider's URL has is refused.
    """
    url = url.strip()
    if not url or len(url) > 2000 or not _URL_CHARS.fullmatch(url):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or port is not None or "@" in parts.netloc:
        return None
    host = (parts.hostname or "").rstrip(".")
    if not host:
        return None
    return host + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _frame_src(form: Form, item_id: str, subject: str, provider: Provider) -> str:
    href = "https://" + subject
    if provider.key == "facebook":
        href = re.sub(r"^https://(?:m\.|web\.)?facebook\.com", "https://www.facebook.com", href)
    return form.frame.format(id=item_id, href=quote(href, safe=""))


def find(url: str, providers: list[Provider] | None = None) -> Embed | None:
    """The embed `url` stands for among `providers` (the allowed ones by default), or None."""
    subject = subject_of(url)
    if subject is None:
        return None
    for provider in enabled() if providers is None else providers:
        matched = provider.match(subject)
        if matched:
            form, item_id = matched
            return Embed(provider, form, url.strip(), _frame_src(form, item_id, subject, provider))
    return None


def known_provider(url: str) -> Provider | None:
    """The provider `url` is from among all we know, allowed or not (the importer's warning)."""
    found = find(url, list(PROVIDERS.values()))
    return found.provider if found else None


def lone_url(paragraph: re.Match) -> str | None:
    """The URL a `_LONE_URL` paragraph holds, when a link's text is its own address."""
    href, text, bare = paragraph.groups()
    if bare is not None:
        return unescape(bare)
    href, text = unescape(href), unescape(text)
    return href if text.rstrip("/") == href.rstrip("/") else None


def lone_urls(html: str) -> list[tuple[re.Match, str]]:
    """Each paragraph of `html` that is one URL alone, with that URL."""
    found = []
    for paragraph in _LONE_URL.finditer(html or ""):
        url = lone_url(paragraph)
        if url:
            found.append((paragraph, url))
    return found


def placeholder(embed: Embed) -> str:
    """The click-to-load placeholder: ours only (text and CSS), with a link to the original."""
    provider, title = embed.provider, embed.form.title
    name = escape(provider.name)
    spoken = title[:1].lower() + title[1:]  # "Xem video YouTube": the button's visible word first
    return (
        f'<figure class="embed embed-{embed.form.shape}" data-embed-src="{escape(embed.frame_src)}"'
        f' data-embed-title="{escape(title)}" data-embed-allow="{escape(provider.allow)}"'
        f' data-embed-sandbox="{escape(provider.sandbox)}">'
        '<div class="embed-placeholder">'
        f'<p class="embed-provider">{name}</p>'
        f'<p class="embed-title">{escape(title)}</p>'
        f'<p class="embed-note">Nội dung từ {name} chỉ được tải khi bạn bấm “Xem”.</p>'
        f'<button type="button" class="embed-load" aria-label="Xem {escape(spoken)}"'
        " hidden>Xem</button>"
        "</div>"
        f'<figcaption><a href="{escape(embed.url)}" rel="nofollow noopener">'
        f"Xem trên {name}</a></figcaption>"
        "</figure>"
    )


def reader_body(html: str) -> SafeString:
    """`html` (a sanitised body) with each lone allowlisted URL paragraph as a placeholder."""
    providers = enabled()
    out, last = [], 0
    for paragraph, url in lone_urls(html):
        embed = find(url, providers)
        if embed is None:
            continue
        out += [html[last : paragraph.start()], placeholder(embed)]
        last = paragraph.end()
    if not out:
        return mark_safe(html)
    out.append(html[last:])
    return mark_safe("".join(out))


def frame_origins(reader_html: str) -> list[str]:
    """The origins the placeholders of `reader_html` load frames from (for `frame-src`)."""
    allowed = {provider.origin for provider in enabled()}
    origins = set()
    for src in _EMBED_SRC.findall(reader_html or ""):
        parts = urlsplit(unescape(src))
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin in allowed:
            origins.add(origin)
    return sorted(origins)


def editor_options() -> dict:
    """What the body editor's embed button checks a URL with (static/articles/prose/embed.js)."""
    return {
        "providers": [
            {"name": p.name, "patterns": [form.pattern for form in p.forms]} for p in enabled()
        ]
    }
