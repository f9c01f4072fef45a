import pytest

from newsroom.sanitize import clean_html


def test_script_is_removed_with_its_code():
    cleaned = clean_html("<p>Tin</p><script>alert('x')</script><SCRIPT src=//evil></SCRIPT>")
    assert "script" not in cleaned.lower()
    assert "alert" not in cleaned
    assert "<p>Tin</p>" in cleaned


@pytest.mark.parametrize(
    "html",
    [
        '<img src="a.jpg" onerror="alert(1)">',
        '<p onclick="steal()">Tin</p>',
        '<a href="/x" onmouseover="steal()">x</a>',
        '<figure onload="x()"><figcaption ONFOCUS="y()">c</figcaption></figure>',
    ],
)
def test_event_handler_attributes_are_removed(html):
    cleaned = clean_html(html).lower()
    assert " on" not in cleaned
    assert "alert" not in cleaned and "steal" not in cleaned


@pytest.mark.parametrize(
    "href",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,<b>"],
)
def test_dangerous_link_schemes_are_removed(href):
    cleaned = clean_html(f'<a href="{href}">bấm</a>')
    assert "javascript" not in cleaned.lower()
    assert "data:" not in cleaned
    assert "bấm" in cleaned


def test_style_attributes_and_style_tags_are_removed():
    cleaned = clean_html('<p style="position:fixed">Tin</p><style>body{display:none}</style>')
    assert cleaned == "<p>Tin</p>"


def test_iframes_are_removed():
    assert clean_html('<iframe src="https://evil"></iframe><p>x</p>') == "<p>x</p>"


def test_newsroom_markup_is_kept():
    html = (
        "<h2>Tiêu đề</h2><p><strong>Đậm</strong> <em>nghiêng</em> "
        '<a href="https://baolaichau.vn/">liên kết</a></p><ul><li>một</li></ul>'
        "<blockquote><p>trích dẫn</p></blockquote>"
        '<figure data-image-id="3"><img src="/media/a.jpg" alt="Ảnh" width="800" height="533" '
        'loading="lazy"><figcaption>Chú thích</figcaption></figure>'
    )
    assert clean_html(html) == html
