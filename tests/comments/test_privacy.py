"""What the reader's browser keeps about them, and who can read it."""

import pytest
from django.core import signing

from comments.author import AUTHOR_COOKIE, AUTHOR_SALT
from tests.comments.helpers import POST_URL, comment_data
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_remember_cookie_holds_no_email_even_when_unsigned(client):
    article = make_article("Mùa lúa chín ở Mường Tè")
    client.post(POST_URL, comment_data(article, email="bi.mat@example.com"))

    raw = client.cookies[AUTHOR_COOKIE].value
    # Signed is not encrypted: anyone holding the cookie can decode it without the key.
    decoded = signing.loads(raw, salt=AUTHOR_SALT)
    assert "bi.mat@example.com" not in str(decoded)
    assert "email" not in decoded


def test_email_is_still_filled_in_for_the_returning_reader(client):
    article = make_article("Mùa lúa chín ở Mường Tè")
    client.post(POST_URL, comment_data(article, email="bi.mat@example.com"))

    html = client.get(article.get_absolute_url()).text
    assert 'value="bi.mat@example.com"' in html


def test_a_forged_cookie_cannot_name_another_readers_comment(client):
    article = make_article("Mùa lúa chín ở Mường Tè")
    client.post(POST_URL, comment_data(article, email="nguoi.khac@example.com"))
    from django.test import Client

    stranger = Client()
    stranger.cookies[AUTHOR_COOKIE] = signing.dumps({"last": 1}, salt="wrong-salt")
    assert "nguoi.khac@example.com" not in stranger.get(article.get_absolute_url()).text
