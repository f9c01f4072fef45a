"""The body editor and the sanitiser agree: what the editor makes survives the save."""

import re

import pytest
from django.contrib.staticfiles import finders
from django_prose_editor.config import allowlist_from_extensions

from articles.admin_forms import EDITOR_EXTENSIONS
from articles.models import Image
from newsroom.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, clean_html
from tests.articles.desk_forms import change_url, form_data
from tests.desk_users import editor
from tests.factories import make_article, make_image

EDITOR_HTML = (
    "<h2>Tiêu đề phụ</h2><h3>Nhỏ hơn</h3><h4>Nhỏ nữa</h4>"
    "<p><strong>Đậm</strong>, <em>nghiêng</em>,<br>xuống dòng và "
    '<a href="https://baolaichau.vn/" rel="noopener noreferrer nofollow">liên kết</a>.</p>'
    '<ul><li><p>Một</p></li></ul><ol start="3"><li><p>Ba</p></li></ol>'
    "<blockquote><p>“Trích dẫn.”</p></blockquote>"
    '<figure class="figure"><img src="/media/images/a.jpg" alt="Mô tả" width="800" height="600" '
    'data-file="7"><figcaption class="figure-caption">Chú thích</figcaption></figure>'
)


def test_allowlist_covers_every_tag_and_attribute_the_editor_makes():
    made = allowlist_from_extensions(EDITOR_EXTENSIONS)
    assert set(made["tags"]) <= ALLOWED_TAGS
    for tag, attributes in made["attributes"].items():
        assert set(attributes) <= set(ALLOWED_ATTRIBUTES.get(tag, [])), tag


def test_what_the_editor_makes_is_kept_on_save():
    assert clean_html(EDITOR_HTML) == EDITOR_HTML


def test_editor_code_is_served_from_our_static_files():
    for name in ["editor.js", "configurable.js", "editor.css", "material-icons.woff2"]:
        assert finders.find(f"django_prose_editor/{name}"), name


@pytest.mark.django_db
def test_change_form_uses_the_rich_text_editor(client):
    client.force_login(editor())
    html = client.get("/admin/articles/article/add/").content.decode()
    assert "data-django-prose-editor-configurable" in html
    # The import map is inline, so it carries the request's CSP nonce (newsroom.csp).
    assert re.search(r'<script type="importmap" nonce="[^"]+">', html)
    assert "/static/django_prose_editor/editor.js" in html
    # No CDN: every script and stylesheet comes from this site.
    assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', html)


@pytest.mark.django_db
def test_pictures_keep_their_link_when_the_editor_drops_unknown_attributes(client):
    image = make_image(size=(900, 600))
    # The demo stores the id on the figure; the editor sends back only src, alt and class.
    article = make_article(
        body=f'<figure data-image-id="{image.pk}"><img src="{image.file.url}" alt="Ảnh">'
        "<figcaption>Chú thích</figcaption></figure>"
    )
    client.force_login(editor())
    resent = (
        f'<figure class="figure"><img src="{image.file.url}" alt="Ảnh">'
        '<figcaption class="figure-caption">Chú thích</figcaption></figure>'
    )
    client.post(change_url(article), form_data(article, body=resent))
    article.refresh_from_db()
    assert f'data-file="{image.pk}"' in article.body
    assert 'width="900" height="600"' in article.body
    page = client.get(article.get_absolute_url()).content.decode()
    assert image.w480.url in page
    assert Image.objects.count() == 1
