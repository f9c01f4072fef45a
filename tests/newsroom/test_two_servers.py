"""Two app servers (gunicorn) on one PostgreSQL and one Redis: no state lives in either.

A reader, a moderator and an anonymous visitor move between the servers as a load balancer
would send them.
"""

import uuid

import pytest

from comments.models import Comment
from tests.desk_users import editor, moderator
from tests.factories import make_article
from tests.harness.client import Browser
from tests.harness.processes import app_servers

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-kiem-duyet-2026"


@pytest.fixture(scope="module")
def servers(django_db_setup, tmp_path_factory):
    """Servers A and B, on the test database, Redis and a media folder, static files collected.

    Started once for the module: each test's cache is flushed (tests/conftest.py) and its
    rows removed (transactional tests), which the servers share.
    """
    folder = tmp_path_factory.mktemp("two-servers")
    with app_servers(
        2,
        folder,
        COMMENT_MIN_FILL_SECONDS="0",
        COMMENT_RATE_LIMIT="3/h",
        COMMENT_CLOSE_AFTER_DAYS="0",
    ) as urls:
        yield urls


def post_comment(browser: Browser, server: str, article, body: str):
    fields = browser.json(f"{server}/binh-luan/phieu/{article.pk}/")["fields"]
    data = {
        **fields,
        "article": str(article.pk),
        "name": "Lò Thị Mai",
        "email": "mai@example.com",
        "body": body,
        "parent": "",
        "website": "",
    }
    return browser.post(f"{server}/binh-luan/gui/", data)


def test_a_reader_and_a_moderator_moving_between_two_servers(servers):
    a, b = servers
    article = make_article("Mùa xuân trên bản", allow_comments=True)
    moderator("kiemduyet", password=PASSWORD)
    page_url = article.get_absolute_url()
    anonymous, reader, desk = Browser(), Browser(), Browser()

    # The anonymous page is made (and cached) on A before the comment exists; its workers
    # then answer it from memory.
    assert anonymous.get(f"{a}{page_url}").status == 200
    for _ in range(4):
        assert anonymous.get(f"{a}{page_url}").headers["X-Page-Cache"] == "hit"

    text = f"Cảm ơn tòa soạn {uuid.uuid4().hex[:6]}"
    assert post_comment(reader, a, article, text).status == 302
    comment = Comment.objects.get(body=text)
    assert comment.status == Comment.Status.PENDING
    assert text not in anonymous.get(f"{a}{page_url}").text

    # Logged in on A, the moderator's session holds on B, where they approve.
    desk.log_in(a, "kiemduyet", PASSWORD)
    assert "Bàn biên tập" in desk.get(f"{b}/admin/").text
    changelist = f"{b}/admin/comments/comment/"
    token = desk.csrf_from(changelist)
    approved = desk.post(
        changelist,
        {
            "csrfmiddlewaretoken": token,
            "action": "approve_comments",
            "_selected_action": str(comment.pk),
            "index": "0",
        },
    )
    assert approved.status == 302, approved.text[:2000]
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED

    # The next anonymous read on A shows it: the purge made on B reached A's cache, and the
    # copy each of A's workers kept in memory (pagecache/front.py).
    for _ in range(4):
        assert text in anonymous.get(f"{a}{page_url}").text


def test_the_comment_rate_limit_counts_posts_on_both_servers(servers):
    a, b = servers
    article = make_article("Chợ phiên vùng cao", allow_comments=True)
    reader = Browser()
    for n, server in enumerate([a, b, a]):
        assert post_comment(reader, server, article, f"Ý kiến số {n}").status == 302
    refused = post_comment(reader, b, article, "Ý kiến thứ tư")
    assert refused.status == 429
    assert "Ý kiến thứ tư" in refused.text  # the text is kept for the reader
    assert Comment.objects.filter(article=article).count() == 3


@pytest.mark.browser
def test_an_editor_on_one_server_and_a_reader_on_the_other_in_chromium(servers, browser):
    """Chromium: the reader's next load on B shows what the editor saved on A."""
    a, b = servers
    article = make_article("Hoa ban nở trắng rừng", allow_comments=True)
    editor("bientap", password=PASSWORD)
    reader = browser.new_context(locale="vi-VN").new_page()
    desk = browser.new_context(locale="vi-VN").new_page()
    # Pages are public for 30 s (Cache-Control): this reader asks the server every time
    # (Playwright turns Chromium's HTTP cache off while a route is set).
    reader.context.route("**/*", lambda route: route.continue_())
    try:
        page_url = f"{b}{article.get_absolute_url()}"
        for _ in range(3):  # made, then answered from the cache and from memory
            answer = reader.goto(page_url)
        assert answer.headers["x-page-cache"] == "hit"
        assert reader.locator("h1").inner_text() == "Hoa ban nở trắng rừng"

        desk.goto(f"{a}/admin/login/")
        desk.fill("#id_username", "bientap")
        desk.fill("#id_password", PASSWORD)
        desk.locator("input[type=submit]").click()
        desk.wait_for_url(f"{a}/admin/")
        desk.goto(f"{a}/admin/articles/article/{article.pk}/change/")
        desk.fill("#id_title", "Hoa ban nở trắng rừng Lai Châu")
        desk.locator("input[name=_continue]").click()
        desk.wait_for_load_state()
        assert "Hoa ban nở trắng rừng Lai Châu" in desk.locator("#id_title").input_value()

        for _ in range(3):  # whichever of B's workers answers
            reader.goto(page_url)
            assert reader.locator("h1").inner_text() == "Hoa ban nở trắng rừng Lai Châu"
    finally:
        reader.context.close()
        desk.context.close()
