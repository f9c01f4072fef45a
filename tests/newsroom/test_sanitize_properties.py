"""The sanitiser under generated hostile HTML: nothing that can run survives, twice is once."""

import re
from html.parser import HTMLParser

from bleach._vendor import html5lib
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsroom.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_PROTOCOLS, ALLOWED_TAGS, clean_html

HOSTILE_TAGS = [
    "script", "style", "iframe", "object", "embed", "template", "noscript", "xmp", "textarea",
    "title", "plaintext", "noembed", "noframes", "base", "meta", "link", "form", "input",
    "button", "details", "select", "option", "video", "audio", "source", "frameset", "body",
    "svg", "math", "foreignObject", "animate", "set", "use", "image", "desc", "mtext", "mglyph",
    "malignmark", "annotation-xml", "mi", "xss", "scr<script>ipt",
]  # fmt: skip
ATTRIBUTES = [
    "href", "src", "xlink:href", "srcdoc", "action", "formaction", "data", "background",
    "poster", "srcset", "style", "onerror", "onload", "OnClIcK", "onmouseover", "onfocus",
    "autofocus", "title", "alt", "width", "data-file", "data-image-id", "class", "rel",
    "values", "attributeName", "to", "from", "by", "encoding", "is", "nonce",
]  # fmt: skip
JAVASCRIPT = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "\tjavascript:x",
    "java\tscript:x", "java\nscript:x", "java\rscript:x", "java&#x09;script:x",
    "java&#9;script:x", "&#106;avascript:x", "&#x6A;&#x61;vascript:x", "jav&#x61;script:x",
    "javascript&colon;x", "javascript&#58;x", "javascript&#x3a;x", "\x01javascript:x",
    "&#0000106;avascript:x", "vbscript:x", "livescript:x", "data:text/html,<script>x</script>",
    "data:image/svg+xml;base64,PHN2Zz4=", "jAvAsCrIpT&Tab;:x", "&#x20;javascript:x",
    "javascript\x00:x", "java\x00script:x", "//evil.example/x", "https://ok.example/a.jpg",
    "mailto:a@b.vn", "tel:0213", "/bai-viet/x/", "#binh-luan",
]  # fmt: skip
TEXT = [
    "Tin", "Đảng bộ", "&lt;script&gt;", "&amp;", "&#60;", "&#x3C;img src=x onerror=y&#x3E;",
    "<", ">", "\"", "'", "`", "&", "&nbsp;", "<!--", "-->", "<!---->", "<![CDATA[", "]]>",
    "<?xml x?>", "</", "/>", "<!DOCTYPE html>", "<!", "=", "\x00", "\u2028", "alert(1)",
]  # fmt: skip


def mixed_case(word: str) -> st.SearchStrategy[str]:
    return st.lists(st.booleans(), min_size=len(word), max_size=len(word)).map(
        lambda flips: "".join(c.upper() if up else c for c, up in zip(word, flips, strict=True))
    )


# Half allowed, half hostile: an allowed tag with an allowed attribute and a hostile value is
# where a hole would be.
tag_names = st.one_of(st.sampled_from(sorted(ALLOWED_TAGS)), st.sampled_from(HOSTILE_TAGS)).flatmap(
    mixed_case
)
values = st.one_of(st.sampled_from(JAVASCRIPT).flatmap(mixed_case), st.sampled_from(TEXT))


@st.composite
def attribute(draw, tag: str) -> str:
    allowed = ALLOWED_ATTRIBUTES.get(tag.lower(), [])
    names = st.sampled_from(ATTRIBUTES)
    name = draw((st.sampled_from(allowed) | names) if allowed else names)
    name, value = draw(mixed_case(name)), draw(values)
    quote = draw(st.sampled_from(['"', "'", "", '"unterminated', "`"]))
    separator = draw(st.sampled_from([" ", "/", "\t", "\n", ""]))
    if quote == '"unterminated':
        return f'{separator}{name}="{value}'
    return f"{separator}{name}={quote}{value}{quote}"


@st.composite
def element(draw, children) -> str:
    name = draw(tag_names)
    attributes = "".join(draw(st.lists(attribute(name), min_size=1, max_size=3)))
    inner = "".join(draw(st.lists(children, max_size=3)))
    end = draw(st.sampled_from([f"</{name}>", "", f"</{name.upper()} >", "</p>", f"</{name}"]))
    close = draw(st.sampled_from([">", " />", "/>", ""]))
    return f"<{name}{attributes}{close}{inner}{end}"


text = st.sampled_from(TEXT) | st.text(max_size=5)
hostile_html = st.recursive(
    element(text) | text,
    lambda children: element(children) | st.lists(children, min_size=2, max_size=4).map("".join),
    max_leaves=12,
)

# Browsers drop these from a URL before reading its scheme.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def scheme(url: str) -> str | None:
    match = _SCHEME.match(_IGNORED_IN_SCHEME.sub("", url).lower())
    return match.group(1) if match else None


def assert_cannot_run_script(html: str) -> None:
    """Parse as a browser does (html5lib) and check every element, attribute and URL."""
    fragment = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    for node in fragment.iter():
        if not isinstance(node.tag, str) or node is fragment:
            continue  # comments are stripped; this is the fragment's own root
        assert node.tag in ALLOWED_TAGS, (node.tag, html)
        for name, value in node.attrib.items():
            assert name in ALLOWED_ATTRIBUTES.get(node.tag, []), (node.tag, name, html)
            if name in {"href", "src"}:
                assert scheme(value) in ALLOWED_PROTOCOLS | {None}, (value, html)
    assert "<!--" not in html


class _Tags(HTMLParser):
    """The stdlib parser's view, a second opinion on what is a tag."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def assert_stdlib_sees_only_allowed(html: str) -> None:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    for tag, attrs in parser.found:
        assert tag in ALLOWED_TAGS, (tag, html)
        for name, value in attrs:
            assert not name.startswith("on") and name != "style", (tag, name, html)
            if name in {"href", "src"}:
                assert scheme(value or "") in ALLOWED_PROTOCOLS | {None}, (value, html)


PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(hostile_html)
@example('<svg><a xlink:href="javascript:x"><text>bấm</text></a></svg>')
@example("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>")
@example('<a href="java&#x09;script:alert(1)">x</a><img src="&#106;avascript:x">')
@example("<scr<script>x</script>ipt>alert(1)</scr</script>ipt>")
@example('<noscript><p title="</noscript><img src=x onerror=alert(1)>">')
@example("<img/src/onerror=alert(1)>")
def test_output_has_nothing_that_can_run(html):
    cleaned = clean_html(html)
    assert_cannot_run_script(cleaned)
    assert_stdlib_sees_only_allowed(cleaned)


@PROPERTY
@given(hostile_html)
@example("<p>a &amp;lt; b</p><x>&</x>")
@example(
    '<a href="javascript:alert(1)"></a><h2 href="javascript:alert(1)">'
    '<b href="Tin" href="Tin"></b><a href="javascript:alert(1)"><h2 href="javascript:alert(1)"></a>'
)
@example('<a href=x"&amp;y" title=\'"&#x09;\'>x</a>')
@example("<scr<script>x</script>ipt>alert(1)</script>")
def test_sanitising_twice_changes_nothing(html):
    once = clean_html(html)
    assert clean_html(once) == once
