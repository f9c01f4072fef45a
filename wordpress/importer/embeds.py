"""A post's embeds, in every form WordPress keeps them, as our embeds (newsroom.embeds).

WordPress shows a provider's URL alone on a line as the provider's player (oEmbed), and so do
`[embed]URL[/embed]`, `[video src=URL]`, `[audio src=URL]`, Jetpack's `[youtube URL]`,
`[vimeo URL]` and `[tweet URL]`, and the block editor's `<!-- wp:embed {"url": ...} -->`
(`wp:core-embed/<provider>` before WordPress 5.6). `isolate` turns each into the URL alone in a
paragraph, before the post's paragraphs are made; `settle` then, on the cleaned body, leaves
the URL of an allowed provider as it is (the reader's page makes it a click-to-load embed)
and makes any other provider's a link with its name, with a warning for the report. A video
or audio file uploaded to WordPress becomes a link to it, with a warning.
"""

import json
import re
from html import escape, unescape
from urllib.parse import urlsplit

from newsroom import embeds

from .shortcodes import attributes

# Providers WordPress embeds by oEmbed, by host: a URL of theirs is named in its link.
NAMES = {
    "youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "facebook.com": "Facebook",
    "fb.watch": "Facebook",
    "tiktok.com": "TikTok",
    "twitter.com": "X",
    "x.com": "X",
    "vimeo.com": "Vimeo",
    "instagram.com": "Instagram",
    "wordpress.tv": "WordPress.tv",
    "videopress.com": "VideoPress",
    "dailymotion.com": "Dailymotion",
    "dai.ly": "Dailymotion",
    "soundcloud.com": "SoundCloud",
    "spotify.com": "Spotify",
    "mixcloud.com": "Mixcloud",
    "flickr.com": "Flickr",
    "flic.kr": "Flickr",
    "ted.com": "TED",
    "slideshare.net": "SlideShare",
    "scribd.com": "Scribd",
    "issuu.com": "Issuu",
    "reddit.com": "Reddit",
    "tumblr.com": "Tumblr",
    "imgur.com": "Imgur",
    "twitch.tv": "Twitch",
    "pinterest.com": "Pinterest",
    "threads.net": "Threads",
    "bsky.app": "Bluesky",
}
VIDEO_KEYS = ("src", "mp4", "m4v", "webm", "ogv", "mov", "wmv", "flv")
AUDIO_KEYS = ("src", "mp3", "m4a", "ogg", "oga", "wav", "wma", "flac")

_BLOCK = re.compile(r"<!--\s*wp:(embed|core-embed/[\w-]+)(\s.*?)?-->(.*?)<!--\s*/wp:\1\s*-->", re.S)
_BLOCK_CAPTION = re.compile(r"<figcaption[^>]*>(.*?)</figcaption>", re.S)
_URL_TEXT = re.compile(r"https?://[^\s<>\"']+")
_SHORTCODE = re.compile(
    r"\[(embed|video|audio|youtube|vimeo|tweet)(?![\w-])(=[^\]\s]+)?([^\]]*?)/?\]"
    # Enclosing only up to its own `[/name]`, never across another opening of the same name.
    r"(?:((?:(?!\[\1(?![\w-])).)*?)\[/\1\])?",
    re.S | re.I,
)
_MEDIA_TAG = re.compile(r"<(video|audio)\b([^>]*)>(.*?)</\1\s*>", re.S | re.I)
_SRC = re.compile(r"""\ssrc\s*=\s*["']([^"']+)["']""", re.I)
_OWN_LINE = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t\r]*$", re.M)
_LINK_ONLY = re.compile(r"^\s*(?:<a\s[^>]*>[^<]*</a>|https?://\S+)\s*$", re.S)


def provider_name(url: str) -> str | None:
    """The provider `url` is from: one we can embed, or one WordPress embeds; else None."""
    known = embeds.known_provider(url)
    if known:
        return known.name
    try:
        host = (urlsplit(url.strip()).hostname or "").rstrip(".")
    except ValueError:
        return None
    for suffix, name in NAMES.items():
        if host == suffix or host.endswith("." + suffix):
            return name
    return None


def _alone(url: str) -> str:
    return f"\n\n<p>{escape(url.strip())}</p>\n\n"


def _file_link(url: str, kind: str, warnings: list[str]) -> str:
    """A video or audio file uploaded to WordPress: a link to it, and a warning."""
    label = "Video" if kind == "video" else "Âm thanh"
    name = urlsplit(url).path.rsplit("/", 1)[-1] or url
    warnings.append(f"{label.lower()} tải lên WordPress giữ thành liên kết: {url}")
    return f'\n\n<p><a href="{escape(url)}">{label}: {escape(unescape(name))}</a></p>\n\n'


def _media(url: str, kind: str, warnings: list[str]) -> str:
    return _alone(url) if provider_name(url) else _file_link(url, kind, warnings)


def _block(match: re.Match, warnings: list[str]) -> str:
    try:
        settings = json.loads((match.group(2) or "").strip() or "{}")
    except ValueError:
        settings = {}
    url = settings.get("url") if isinstance(settings, dict) else None
    if not isinstance(url, str) or not url.strip():
        found = _URL_TEXT.search(
            re.sub(r"<figcaption.*?</figcaption>", "", match.group(3), flags=re.S)
        )
        url = unescape(found.group(0)) if found else ""
    if not url:
        warnings.append("khối nhúng không có địa chỉ: đã bỏ")
        return "\n\n"
    caption = _BLOCK_CAPTION.search(match.group(3))
    after = f"<p>{caption.group(1).strip()}</p>\n\n" if caption and caption.group(1).strip() else ""
    return _alone(url) + after


def _shortcode(match: re.Match, warnings: list[str]) -> str:
    name = match.group(1).lower()
    attrs = attributes(match.group(3))
    inner = (match.group(4) or "").strip()
    if name in ("video", "audio"):
        keys = VIDEO_KEYS if name == "video" else AUDIO_KEYS
        url = next((attrs[key] for key in keys if attrs.get(key)), "") or inner
        return _media(url, name, warnings) if _URL_TEXT.fullmatch(url) else match.group(0)
    # [embed]URL[/embed]; Jetpack's [youtube URL], [youtube=URL], [vimeo ID], [tweet URL].
    url = (match.group(2) or "")[1:] or inner or next(iter(match.group(3).split()), "")
    if name == "youtube" and re.fullmatch(r"[A-Za-z0-9_-]{11}", attrs.get("id", url)):
        url = "https://www.youtube.com/watch?v=" + attrs.get("id", url)
    elif name == "vimeo" and url.isdigit():
        url = f"https://vimeo.com/{url}"
    elif name == "tweet" and url.isdigit():
        url = f"https://twitter.com/i/web/status/{url}"
    url = unescape(url)
    if _URL_TEXT.fullmatch(url) and provider_name(url):
        return _alone(url)
    return match.group(0)  # left to the shortcodes' rules: an address becomes a link


def isolate(content: str, *, classic: bool) -> tuple[str, list[str]]:
    """`content` with each embed as its URL alone in a paragraph; and what to warn about.

    `classic` is a post written without the block editor: a provider's URL alone on a line is
    an embed there, as WordPress's autoembed has it.
    """
    warnings: list[str] = []
    html = _BLOCK.sub(lambda m: _block(m, warnings), content)
    html = _SHORTCODE.sub(lambda m: _shortcode(m, warnings), html)

    def media_tag(match: re.Match) -> str:
        found = _SRC.search(match.group(2)) or _SRC.search(match.group(3))
        if not found:
            return match.group(0)
        return _media(unescape(found.group(1)), match.group(1).lower(), warnings)

    html = _MEDIA_TAG.sub(media_tag, html)
    if classic:
        html = _OWN_LINE.sub(
            lambda m: _alone(m.group(1)) if provider_name(m.group(1)) else m.group(0), html
        )
    return html, warnings


def settle(body: str) -> tuple[str, list[str]]:
    """A cleaned body's lone provider URLs: allowed ones kept, others a link with the name."""
    warnings: list[str] = []
    out, last = [], 0
    for paragraph, url in embeds.lone_urls(body):
        if embeds.find(url) is not None:
            replacement = f"<p>{escape(url)}</p>"
        elif name := provider_name(url):
            replacement = f'<p><a href="{escape(url)}">Xem trên {escape(name)}</a></p>'
            warnings.append(
                f"nội dung nhúng từ {name} (không có trong EMBED_PROVIDERS) giữ thành liên kết:"
                f" {url}"
            )
        else:
            continue
        out += [body[last : paragraph.start()], replacement]
        last = paragraph.end()
    if not out:
        return body, warnings
    out.append(body[last:])
    return "".join(out), warnings


def is_link_only(paragraph_html: str) -> bool:
    """A paragraph that is a link or a URL alone (an embed): never a story's lead."""
    return bool(_LINK_ONLY.match(paragraph_html))
