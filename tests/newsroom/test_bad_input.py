"""The bad-input sweep through the test client: every URL pattern, every public form.

No answer is a 500; every refusal is a Vietnamese page. Cases live in tests/newsroom/bad_input.py.
"""

import re

import pytest
from django.contrib.auth import get_user_model

from comments.models import Comment
from tests.comments.helpers import POST_URL, comment_data
from tests.factories import make_article, make_comment, make_section, make_user
from tests.newsroom.bad_input import (
    CHARSETS,
    FORM_VALUES,
    METHODS,
    PATH_VALUES,
    QUERIES,
    TYPED_SLUGS,
    routes,
    urls,
)

pytestmark = pytest.mark.django_db

# Words only a Vietnamese page has.
VIETNAMESE = ("Không", "không", "Trang", "trang", "Vui lòng", "Xin lỗi")
# A letter only Vietnamese writes (with its marks), for a one-sentence JSON refusal.
VIETNAMESE_LETTER = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


def fetch(client, url: str, method: str = "get", **kwargs):
    """The client's answer; an exception the site let through names the URL that raised it."""
    try:
        return getattr(client, method)(url, **kwargs)
    except Exception as exc:
        raise AssertionError(f"{method.upper()} {url[:200]} raised {exc!r}") from exc


def assert_answered_well(response, what: str) -> None:
    """Not a 500; a refusal is an HTML page in Vietnamese, or under the content API
    (`/api/`) JSON whose `detail` is a Vietnamese sentence (an address the site refuses before
    routing it, a NUL in the path, gets the site's page there too)."""
    assert response.status_code < 500, what
    if response.status_code >= 400 and response.request["REQUEST_METHOD"] != "HEAD":
        api = response.request["PATH_INFO"].startswith("/api/")
        if api and response["Content-Type"].startswith("application/json"):
            detail = response.json()["detail"]
            assert VIETNAMESE_LETTER.search(detail), (what, detail)
            return
        assert response["Content-Type"].startswith("text/html"), what
        html = response.content.decode()
        assert 'lang="vi"' in html and any(word in html for word in VIETNAMESE), (what, html[:500])


@pytest.fixture
def site(settings):
    """A story with a comment and a tag, so that small ids find real rows.

    Beside it, rows written with every slug a newsroom may type and with pasted control
    characters, so that every listing, feed and sitemap the sweep asks for shows them.
    """
    settings.COMMENT_RATE_LIMIT = "0"
    article = make_article("Làm theo Bác", tags=["Đảng bộ"])
    make_comment(article)
    for n, slug in enumerate(TYPED_SLUGS):
        section = make_section(f"Chuyên\x0bmục {n}", slug=slug)
        typed = make_article(f"Tin\x0bnóng {n}", section=section, slug=slug, tags=[f"Thẻ {n}"])
        tag = typed.tags.get()
        tag.slug = slug
        tag.save()
    return article


@pytest.fixture
def superuser(client):
    user = make_user("tongbientap", is_superuser=True)
    client.force_login(user)
    return user


def test_every_url_pattern_with_hostile_values(client, site):
    assert len(list(routes())) > 50  # the walk found the site, the admin included
    for url in urls():
        assert_answered_well(fetch(client, url), url)


def test_every_url_pattern_with_hostile_values_as_staff(client, site, superuser):
    for url in urls([site.pk and str(site.pk), *PATH_VALUES[3:8]]):
        assert_answered_well(fetch(client, url), url)


@pytest.mark.parametrize("query", QUERIES)
def test_hostile_query_strings(client, site, superuser, query):
    for url in urls([str(site.pk)]):
        assert_answered_well(fetch(client, f"{url}?{query}"), f"{url}?{query}")


@pytest.mark.parametrize("method", METHODS)
def test_unexpected_methods(client, site, method):
    for url in urls([str(site.pk)]):
        response = fetch(client, url, method)
        assert_answered_well(response, f"{method} {url}")
        if response.status_code == 405:
            assert response["Allow"]


def test_reader_pages_refuse_put_delete_patch_trace_in_vietnamese(client, site):
    for url in ["/", site.get_absolute_url(), "/tim-kiem/", "/binh-luan/gui/"]:
        for method in ["put", "delete", "patch", "trace"]:
            response = getattr(client, method)(url)
            assert response.status_code == 405, (method, url)
            assert "Phương thức" in response.content.decode()


@pytest.mark.parametrize("value", FORM_VALUES, ids=repr)
def test_comment_form_with_hostile_values_in_every_field(client, site, value):
    before = Comment.objects.count()
    for field in ["article", "name", "email", "body", "parent", "token", "website"]:
        data = comment_data(site, **{field: value})
        response = client.post(POST_URL, data)
        assert_answered_well(response, f"{field}={value!r}")
    # Nothing hostile is stored: only a value a reader might type (the body or name itself).
    assert Comment.objects.count() - before <= 2


@pytest.mark.parametrize("value", FORM_VALUES, ids=repr)
def test_admin_login_with_hostile_values(client, site, value):
    for data in [{"username": value, "password": "x"}, {"username": "x", "password": value}]:
        response = client.post("/admin/login/", data)
        assert_answered_well(response, repr(data))
    assert "_auth_user_id" not in client.session


def test_search_form_with_hostile_values(client, site):
    for value in FORM_VALUES:
        assert_answered_well(client.get("/tim-kiem/", {"q": value}), repr(value))


def test_hostile_values_in_the_admin_story_form(client, site, superuser):
    for value in FORM_VALUES:
        data = {"title": value, "lead": value, "body": value, "section": value, "tags": value}
        response = client.post("/admin/articles/article/add/", data)
        assert_answered_well(response, repr(value))
    assert get_user_model().objects.count() == 1


def test_form_body_that_is_not_utf8_or_has_nul_bytes(client, site):
    for body in [
        b"name=\xff\xfe&body=\xc3\x28&email=a%FFb",
        b"name=%00&body=a\x00b",
        b"\xff" * 100,
    ]:
        response = client.post(POST_URL, body, content_type="application/x-www-form-urlencoded")
        assert_answered_well(response, repr(body))


def test_form_body_in_another_charset_is_refused_in_vietnamese(client, site):
    for charset in CHARSETS:
        for url in [POST_URL, "/admin/login/", "/tim-kiem/"]:
            response = client.post(
                url,
                b"name=T%E9n&body=abc",
                content_type=f"application/x-www-form-urlencoded; charset={charset}",
            )
            assert response.status_code == 400, (url, charset)
            assert_answered_well(response, f"{url} {charset}")


@pytest.mark.parametrize(
    "content_type, body, login_status",
    [
        # A part without a name: Django reads an empty form, which the login page shows again.
        (
            "multipart/form-data; boundary=abc",
            b"--abc\r\nContent-Disposition: form-data\r\n\r\nx",
            200,
        ),
        ("multipart/form-data", b"--abc\r\n\r\n", 400),  # no boundary
        ("multipart/form-data; boundary=" + "a" * 300, b"x", 400),  # a boundary past 70 chars
    ],
)
def test_malformed_multipart_is_refused_in_vietnamese(
    client, site, content_type, body, login_status
):
    comments = Comment.objects.count()
    response = client.post(POST_URL, body, content_type=content_type)
    assert response.status_code == 400
    assert_answered_well(response, content_type)
    assert Comment.objects.count() == comments

    response = client.post("/admin/login/", body, content_type=content_type)
    assert response.status_code == login_status
    assert_answered_well(response, content_type)
    if login_status == 200:  # the login form again, with its errors, and nobody logged in
        html = response.content.decode()
        assert 'name="username"' in html and "errorlist" in html
    assert "_auth_user_id" not in client.session


def test_body_past_the_upload_limit_is_a_vietnamese_413(client, site, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    data = comment_data(site, body="x" * 20_000)
    response = client.post(POST_URL, data)
    assert response.status_code == 413
    assert "Nội dung gửi lên quá lớn" in response.content.decode()
    assert Comment.objects.filter(body__startswith="xxx").count() == 0
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    response = client.post(POST_URL, {f"f{n}": "1" for n in range(50)})
    assert response.status_code == 413


def test_nul_in_a_url_never_reaches_a_query(client, site, superuser):
    # On PostgreSQL each of these reached a query with the NUL and ended in a 500.
    for url in ["/admin/articles/article/%00/history/", "/admin/r/%00/%00/", "/bai-viet/%00-1/"]:
        response = fetch(client, url)
        assert response.status_code == 404, url  # no page has a NUL in its path
        assert_answered_well(response, url)
    for url in [
        "/tim-kiem/?q=%00",
        "/admin/articles/image/picker/?q=%00",
        f"/admin/articles/article/?q=%00&x%00={site.pk}",
    ]:
        # In the query the NUL reads as U+FFFD: an ordinary bad value (the changelist drops an
        # unknown filter with a redirect).
        response = fetch(client, url)
        assert response.status_code in {200, 302}, url
        assert_answered_well(response, url)
