"""A form body in a character set other than UTF-8 gets a Vietnamese 400, never a 500."""

import pytest

from tests.comments.helpers import POST_URL, comment_data
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("charset", ["iso-8859-1", "utf-16", "windows-1258", '"latin1"'])
@pytest.mark.parametrize(
    "content_type", ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]
)
def test_form_post_in_another_charset_is_refused_in_vietnamese(client, charset, content_type):
    article = make_article("Mùa lúa chín")
    response = client.generic(
        "POST",
        POST_URL,
        b"name=T%E1n&body=abc",
        content_type=f"{content_type}; charset={charset}",
    )
    assert response.status_code == 400
    assert "bảng mã không phải UTF-8" in response.text
    assert article.comments.count() == 0


def test_utf8_declared_form_post_still_goes_through(client):
    article = make_article("Mùa lúa chín")
    from urllib.parse import urlencode

    response = client.generic(
        "POST",
        POST_URL,
        urlencode(comment_data(article)),
        content_type="application/x-www-form-urlencoded; charset=UTF-8",
    )
    assert response.status_code == 302
    assert article.comments.count() == 1
