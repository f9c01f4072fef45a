"""What the reader's browser keeps about them, and who can read it."""

import json

import pytest
from django.core import signing
from django.test import Client

from comments.author import AUTHOR_COOKIE, AUTHOR_SALT
from comments.models import Comment
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
    theirs = Comment.objects.get(email="nguoi.khac@example.com").pk  # a real id, on any database
    page = article.get_absolute_url()

    def shown_to(cookie: str) -> bool:
        stranger = Client()
        stranger.cookies[AUTHOR_COOKIE] = cookie
        return "nguoi.khac@example.com" in stranger.get(page).text

    # Signed as the site signs it, the cookie does fill the email in: the id is a real one.
    assert shown_to(signing.dumps({"last": theirs}, salt=AUTHOR_SALT, compress=True))
    # Forged: signed for another purpose, with another key, or not signed at all.
    assert not shown_to(signing.dumps({"last": theirs}, salt="wrong-salt"))
    assert not shown_to(signing.dumps({"last": theirs}, key="not-the-site-key", salt=AUTHOR_SALT))
    unsigned = signing.b64_encode(json.dumps({"last": theirs}).encode()).decode()
    assert not shown_to(f"{unsigned}:forged")
