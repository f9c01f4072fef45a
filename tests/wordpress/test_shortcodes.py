"""Shortcodes: captions and galleries to figures, the rest removed and named."""

from wordpress.importer.shortcodes import Picture, expand

PICTURES = {
    "5": Picture(50, "/media/images/a.jpg", "Ảnh A", "Chú thích A"),
    "6": Picture(60, "/media/images/b.jpg", "Ảnh B", ""),
}


def run(text, children=()):
    return expand(text, PICTURES.get, list(children))


def test_caption_with_text_after_the_image():
    result = run(
        '[caption id="attachment_5" width="300"]<img src="x.jpg" /> Lúa <em>chín</em>[/caption]'
    )
    assert result.html.strip() == (
        '<figure data-image-id="50"><img src="x.jpg" /><figcaption>Lúa <em>chín</em>'
        "</figcaption></figure>"
    )
    assert result.removed == []


def test_caption_in_its_attribute_and_unknown_picture():
    result = run('[caption caption="Chú thích"]<a href="/p"><img src="y.jpg"></a>[/caption]')
    assert result.html.strip() == (
        '<figure><a href="/p"><img src="y.jpg"></a><figcaption>Chú thích</figcaption></figure>'
    )


def test_gallery_by_ids_and_by_attachments_of_the_post():
    by_ids = run('[gallery ids="6,5,9"]')
    assert by_ids.html.index('data-image-id="60"') < by_ids.html.index('data-image-id="50"')
    assert by_ids.missing == ["9"]
    own = run("[gallery columns=2]", children=["5"])
    assert own.html.count("<figure") == 1 and "Chú thích A" in own.html


def test_other_shortcodes_are_removed_keeping_their_text():
    result = run('A [youtube id="x"] B [note]giữ chữ[/note] C [video]')
    assert result.html == "A  B giữ chữ C "
    assert sorted(result.removed) == ["note", "video", "youtube"]


def test_brackets_that_are_not_shortcodes_stay():
    result = run("Xem [1], [Ảnh: TTXVN] và [[gallery]]")
    assert result.html == "Xem [1], [Ảnh: TTXVN] và [gallery]"
    assert result.removed == []


def test_an_embedded_address_becomes_a_link():
    result = run("[embed]https://video.example.com/a[/embed]")
    assert result.html == '<a href="https://video.example.com/a">https://video.example.com/a</a>'
