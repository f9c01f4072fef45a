"""Embeds: which URLs become a click-to-load frame, which frame, and which stay links."""

import pytest
from django.core.checks import run_checks

from newsroom import embeds
from newsroom.sanitize import clean_html

YT = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
FB_POST = "https://www.facebook.com/plugins/post.php?href="
FB_VIDEO = "https://www.facebook.com/plugins/video.php?href="
TIKTOK = "https://www.tiktok.com/embed/v2/7234567890123456789"
TWEET = "https://platform.twitter.com/embed/Tweet.html?id=1712345678901234567&dnt=true"


@pytest.mark.parametrize(
    ("url", "frame"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", YT),
        ("http://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=42s", YT),
        ("https://m.youtube.com/watch?v=dQw4w9WgXcQ", YT),
        ("https://youtu.be/dQw4w9WgXcQ", YT),
        ("https://youtu.be/dQw4w9WgXcQ?si=abc123", YT),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", YT),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ", YT),
        ("https://www.youtube.com/live/dQw4w9WgXcQ", YT),
        ("https://WWW.YouTube.com/watch?v=dQw4w9WgXcQ", YT),
        (
            "https://www.facebook.com/baolaichau/posts/pfbid02abcDEF123",
            FB_POST
            + "https%3A%2F%2Fwww.facebook.com%2Fbaolaichau%2Fposts%2Fpfbid02abcDEF123"
            + "&show_text=true",
        ),
        (
            "https://m.facebook.com/permalink.php?story_fbid=123&id=456",
            FB_POST
            + "https%3A%2F%2Fwww.facebook.com%2Fpermalink.php%3Fstory_fbid%3D123%26id%3D456"
            + "&show_text=true",
        ),
        (
            "https://www.facebook.com/baolaichau/videos/1234567890/",
            FB_VIDEO
            + "https%3A%2F%2Fwww.facebook.com%2Fbaolaichau%2Fvideos%2F1234567890%2F"
            + "&show_text=false",
        ),
        (
            "https://www.facebook.com/watch/?v=1234567890",
            FB_VIDEO + "https%3A%2F%2Fwww.facebook.com%2Fwatch%2F%3Fv%3D1234567890&show_text=false",
        ),
        (
            "https://fb.watch/aBc-12_x/",
            FB_VIDEO + "https%3A%2F%2Ffb.watch%2FaBc-12_x%2F&show_text=false",
        ),
        ("https://www.tiktok.com/@bao.laichau/video/7234567890123456789", TIKTOK),
        ("https://www.tiktok.com/@bao.laichau/video/7234567890123456789?lang=vi", TIKTOK),
        ("https://www.tiktok.com/embed/v2/7234567890123456789", TIKTOK),
        ("https://x.com/baolaichau/status/1712345678901234567", TWEET),
        ("https://twitter.com/baolaichau/status/1712345678901234567?s=20", TWEET),
        ("https://mobile.twitter.com/baolaichau/statuses/1712345678901234567", TWEET),
    ],
)
def test_each_providers_url_forms_give_its_frame(url, frame):
    embed = embeds.find(url)
    assert embed is not None, url
    assert embed.frame_src == frame


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "data:text/html,https://youtu.be/dQw4w9WgXcQ",
        "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://evil.example/youtube.com/watch?v=dQw4w9WgXcQ",
        "https://evilyoutube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com@evil.example/watch?v=dQw4w9WgXcQ",
        "https://user:pw@www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com:8443/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=<script>",
        'https://www.youtube.com/watch?v=dQw4w9WgXcQ"onload="x',
        "https://www.youtube.com/watch?v=dQw4w9WgXc",  # one character short
        "https://www.youtube.com/watch?v=dQw4w9WgXcQQ",
        "https://youtu.be/dQw4w9WgXcQ/../../evil",
        "https://www.youtube.com/watch?x=dQw4w9WgXcQ",
        "https://www.youtube.com/channel/UCabc",
        "https://www.tiktok.com/@a/video/12ab",
        "https://x.com/baolaichau/status/12<b>",
        "https://x.com/baolaichau",
        "https://www.facebook.com/baolaichau",
        "https://www.facebook.com/baolaichau/posts/abc%22onload",
        "https://vimeo.com/123456",  # a provider we know, but not allowed by default
        "https://example.com/video.mp4",
        "youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.you tube.com/watch?v=dQw4w9WgXcQ",
        "https://[::1/watch?v=dQw4w9WgXcQ",
        "",
    ],
)
def test_hostile_malformed_and_unknown_urls_never_become_frames(url):
    assert embeds.find(url) is None
    body = f"<p>{url}</p>" if url else "<p></p>"
    assert "data-embed-src" not in embeds.reader_body(clean_html(body))


def test_a_lone_url_paragraph_becomes_a_placeholder_with_a_link_to_the_original():
    html = embeds.reader_body("<p>Trước.</p><p>https://youtu.be/dQw4w9WgXcQ</p><p>Sau.</p>")
    assert html.startswith("<p>Trước.</p><figure class=")
    assert html.endswith("</figure><p>Sau.</p>")
    assert f'data-embed-src="{YT}"' in html
    assert '<p class="embed-provider">YouTube</p>' in html
    assert '<p class="embed-title">Video YouTube</p>' in html
    assert ">Xem</button>" in html and 'aria-label="Xem video YouTube"' in html
    # Readers without JavaScript keep a plain link to the original.
    link = '<a href="https://youtu.be/dQw4w9WgXcQ" rel="nofollow noopener">Xem trên YouTube</a>'
    assert link in html
    assert "<iframe" not in html and "youtube.com/vi/" not in html and "<img" not in html


def test_a_url_linked_to_itself_is_an_embed_and_a_link_with_other_text_is_not():
    url = "https://x.com/baolaichau/status/1712345678901234567"
    linked = clean_html(f'<p><a href="{url}">{url}</a></p>')
    assert f'data-embed-src="{TWEET.replace("&", "&amp;")}"' in embeds.reader_body(linked)
    named = clean_html(f'<p><a href="{url}">Bài đăng của báo</a></p>')
    assert embeds.reader_body(named) == named


def test_an_ampersand_stored_escaped_still_finds_the_video():
    stored = clean_html("<p>https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s</p>")
    assert "&amp;" in stored
    assert f'data-embed-src="{YT}"' in embeds.reader_body(stored)


@pytest.mark.parametrize(
    "body",
    [
        "<p>Xem video https://youtu.be/dQw4w9WgXcQ của báo.</p>",
        "<p>https://youtu.be/dQw4w9WgXcQ https://youtu.be/dQw4w9WgXcQ</p>",
        "<p><strong>https://youtu.be/dQw4w9WgXcQ</strong></p>",
        "<ul><li>https://youtu.be/dQw4w9WgXcQ</li></ul>",
        "<blockquote>https://youtu.be/dQw4w9WgXcQ</blockquote>",
    ],
)
def test_a_url_inside_a_sentence_or_other_markup_is_not_an_embed(body):
    assert embeds.reader_body(body) == body


def test_the_placeholder_escapes_what_it_shows():
    url = "https://www.facebook.com/watch/?v=1&x=%3Cb%3E"
    html = embeds.reader_body(clean_html(f"<p>{url}</p>"))
    assert "data-embed-src" in html
    assert "<b>" not in html and '"&x' not in html


def test_frame_origins_name_each_provider_once():
    html = embeds.reader_body(
        "<p>https://youtu.be/dQw4w9WgXcQ</p><p>https://www.youtube.com/shorts/dQw4w9WgXcQ</p>"
        "<p>https://x.com/a/status/1</p>"
    )
    assert embeds.frame_origins(html) == [
        "https://platform.twitter.com",
        "https://www.youtube-nocookie.com",
    ]
    assert embeds.frame_origins("<p>Không có gì.</p>") == []


def test_frame_origins_ignore_a_placeholder_the_editor_typed_in_by_hand():
    forged = '<figure class="embed" data-embed-src="https://evil.example/x"></figure>'
    assert embeds.frame_origins(forged) == []
    assert embeds.frame_origins(clean_html(forged)) == []


def test_the_allowlist_setting_decides_which_providers_embed(settings):
    assert embeds.find("https://vimeo.com/123456") is None
    settings.EMBED_PROVIDERS = ["vimeo", "youtube"]
    assert embeds.find("https://vimeo.com/123456").frame_src == (
        "https://player.vimeo.com/video/123456?dnt=1"
    )
    assert embeds.find("https://x.com/a/status/1") is None
    html = embeds.reader_body("<p>https://x.com/a/status/1</p><p>https://vimeo.com/1</p>")
    assert html.startswith("<p>https://x.com/a/status/1</p><figure")
    settings.EMBED_PROVIDERS = []
    assert embeds.reader_body("<p>https://youtu.be/dQw4w9WgXcQ</p>") == (
        "<p>https://youtu.be/dQw4w9WgXcQ</p>"
    )


def test_the_default_allowlist_is_youtube_facebook_tiktok_and_x():
    assert [p.key for p in embeds.enabled()] == ["youtube", "facebook", "tiktok", "x"]


def test_an_unknown_provider_in_the_setting_is_a_warning(settings):
    settings.EMBED_PROVIDERS = ["youtube", "myspace"]
    found = [m for m in run_checks() if m.id == "newsroom.W002"]
    assert len(found) == 1 and "myspace" in found[0].msg


def test_the_sanitiser_still_drops_every_iframe():
    assert "iframe" not in clean_html(f'<iframe src="{YT}"></iframe><p>Tiếp.</p>')


def test_known_provider_names_allowed_and_other_providers():
    assert embeds.known_provider("https://vimeo.com/123456").name == "Vimeo"
    assert embeds.known_provider("https://youtu.be/dQw4w9WgXcQ").name == "YouTube"
    assert embeds.known_provider("https://example.com/a") is None
