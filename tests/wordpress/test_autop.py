"""wpautop: WordPress's paragraph rules, checked against what WordPress itself outputs."""

from wordpress.importer.autop import wpautop


def test_blank_lines_make_paragraphs_and_single_newlines_breaks():
    assert wpautop("Dòng một\nDòng hai\n\nĐoạn hai") == (
        "<p>Dòng một<br />\nDòng hai</p>\n<p>Đoạn hai</p>\n"
    )


def test_empty_text_stays_empty():
    assert wpautop("") == "" and wpautop(" \n\n ") == ""


def test_block_elements_are_not_wrapped():
    html = wpautop("Trước\n<blockquote>Trích dẫn</blockquote>\nSau\n<ul>\n<li>Một</li>\n</ul>")
    assert "<p><blockquote>" not in html and "<p><ul>" not in html
    assert "<blockquote><p>Trích dẫn</p></blockquote>" in html
    assert "<p>Trước</p>" in html and "<p>Sau</p>" in html
    assert "<li>Một</li>" in html


def test_pre_is_left_exactly_as_it_is():
    html = wpautop("Mã:\n\n<pre>a\n\nb</pre>\n\nHết")
    assert "<pre>a\n\nb</pre>" in html


def test_double_br_is_a_paragraph_break():
    assert wpautop("Một<br /><br>Hai") == "<p>Một</p>\n<p>Hai</p>\n"


def test_newlines_inside_tags_are_not_breaks():
    html = wpautop('<a\nhref="/x">liên kết</a> ở đây')
    assert html == '<p><a\nhref="/x">liên kết</a> ở đây</p>\n'


def test_a_figure_with_caption_stays_whole():
    html = wpautop('Chữ\n\n<figure><img src="/a.jpg">\n<figcaption>Chú thích</figcaption></figure>')
    assert '<figure><img src="/a.jpg"><figcaption>Chú thích</figcaption></figure>' in html
    assert "<p><figure" not in html


def test_windows_newlines():
    assert wpautop("Một\r\n\r\nHai") == "<p>Một</p>\n<p>Hai</p>\n"
