"""Content Security Policy: strict on reader pages, nonces only in the admin, nothing blocked."""

import re

import pytest
from playwright.sync_api import expect

from tests.desk_users import editor
from tests.factories import make_article, make_comment, make_image

pytestmark = pytest.mark.django_db

CSP = "Content-Security-Policy"
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.I)


def directive(header: str, name: str) -> list[str]:
    for part in header.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    raise AssertionError(f"{name} missing from {header!r}")


def reader_urls(article) -> list[str]:
    return [
        "/",
        article.get_absolute_url(),
        article.section.get_absolute_url(),
        "/tim-kiem/?q=b%C3%A1c",
        "/trang-khong-co/",
    ]


def test_reader_pages_forbid_inline_script_and_style_with_one_cacheable_header(client):
    article = make_article("Làm theo Bác", body='<p>Nội dung <a href="https://x.vn">x</a></p>')
    make_comment(article, body="<script>alert(1)</script>")
    for url in reader_urls(article):
        first, second = client.get(url), client.get(url)
        header = first[CSP]
        # No nonce: the same header for every reader, so a shared cache may keep the page.
        assert header == second[CSP], url
        assert "nonce-" not in header
        assert directive(header, "script-src") == ["'self'"]
        assert directive(header, "style-src") == ["'self'"]
        assert directive(header, "object-src") == ["'none'"]
        assert directive(header, "frame-ancestors") == ["'none'"]
        html = first.content.decode()
        assert not INLINE_SCRIPT.search(html), url
        assert " style=" not in html and "<style" not in html, url
        assert not re.search(r"\son[a-z]+=", html), url


def test_admin_scripts_need_our_origin_or_the_request_nonce(client):
    user = editor("bientap")
    client.force_login(user)
    article = make_article("Bài trong bàn biên tập")
    response = client.get(f"/admin/articles/article/{article.pk}/change/")
    header = response[CSP]
    script_src = directive(header, "script-src")
    assert "'unsafe-inline'" not in script_src
    nonce = next(word for word in script_src if word.startswith("'nonce-"))[7:-1]
    html = response.content.decode()
    # The body editor's import map is the admin's one inline script: it carries the nonce.
    assert f'<script type="importmap" nonce="{nonce}">' in html
    for tag in INLINE_SCRIPT.findall(html):
        assert f'nonce="{nonce}"' in tag
    assert client.get(f"/admin/articles/article/{article.pk}/change/")[CSP] != header


# In the browser --------------------------------------------------------------------------

WATCH_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(event.violatedDirective + " " + event.blockedURI + " " + event.sourceFile);
});
"""


def watched(page):
    """Collect the page's CSP violations and console errors from here on."""
    page.add_init_script(WATCH_VIOLATIONS)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return errors


def assert_no_violation(page, errors):
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__csp") == []
    assert [e for e in errors if "Content Security Policy" in e] == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_violation_on_article_search_and_story_change_form(live_server, page):
    picture = make_image("Cán bộ một cửa")
    article = make_article(
        "Làm theo Bác ở Đảng bộ Sở Nội vụ",
        hero_image=picture,
        body=f'<figure><img src="{picture.file.url}" data-file="{picture.pk}" alt="x"></figure>'
        "<p>Nội dung bài viết.</p>",
    )
    make_comment(article, body="Bài viết hay <b>quá</b>")
    errors = watched(page)

    page.goto(live_server.url + article.get_absolute_url())
    expect(page.locator("h1")).to_have_text("Làm theo Bác ở Đảng bộ Sở Nội vụ")
    expect(page.locator("#binh-luan")).to_contain_text("Bài viết hay")
    # comments.js runs under the policy: "Trả lời" moves the form under the comment.
    page.locator(".comment-reply-link").first.click()
    expect(page.locator(".comment-replying")).to_contain_text("Trả lời bình luận của")
    assert_no_violation(page, errors)

    page.goto(live_server.url + "/tim-kiem/?q=lam+theo+bac")
    expect(page.locator("main")).to_contain_text("Làm theo Bác ở Đảng bộ Sở Nội vụ")
    assert_no_violation(page, errors)

    editor("bientap")
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", "mat-khau-thu-nghiem")
    page.locator("input[type=submit]").click()
    page.wait_for_url(live_server.url + "/admin/")
    page.goto(live_server.url + f"/admin/articles/article/{article.pk}/change/")
    body = page.locator(".ProseMirror[contenteditable=true]")
    expect(body.locator("figure img")).to_have_count(1)
    body.click()
    page.keyboard.type("Thêm một câu.")
    expect(page.locator("#body-counter")).to_contain_text("từ")
    assert_no_violation(page, errors)

    with page.expect_popup() as popup_info:
        page.locator('button.prose-menubar__button[title="Chèn ảnh"]').click()
        page.locator("dialog[open]").get_by_role("button", name="Chọn hoặc tải ảnh lên...").click()
    picker = popup_info.value
    picker.add_init_script(WATCH_VIOLATIONS)
    picker.reload()
    expect(picker.locator(".picker-choice")).to_have_count(1)
    assert_no_violation(picker, errors)


ADMIN_PAGES = [
    "/admin/",
    "/admin/articles/article/",
    "/admin/articles/article/add/",
    "/admin/articles/image/",
    "/admin/articles/image/add/",
    "/admin/articles/section/",
    "/admin/comments/comment/",
    "/admin/axes/accessattempt/",
    "/admin/axes/accesslog/",
    "/admin/auth/user/",
    "/admin/auth/user/add/",
]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_violation_across_the_admin(live_server, page):
    from tests.factories import make_user

    make_user("tongbientap", is_superuser=True)
    article = make_article("Bài có bình luận")
    comment = make_comment(article, status="pending")
    errors = watched(page)
    page.goto(live_server.url + "/admin/login/")
    assert_no_violation(page, errors)
    page.fill("#id_username", "tongbientap")
    page.fill("#id_password", "mat-khau-thu-nghiem")
    page.locator("input[type=submit]").click()
    page.wait_for_url(live_server.url + "/admin/")
    pages = [
        *ADMIN_PAGES,
        f"/admin/comments/comment/{comment.pk}/change/",
        f"/admin/articles/article/{article.pk}/history/",
    ]
    for url in pages:
        page.goto(live_server.url + url)
        expect(page.locator("#content")).to_be_visible()
        assert_no_violation(page, errors)
    # Select2 autocomplete and the date shortcuts build their widgets under the policy too.
    page.goto(live_server.url + "/admin/articles/article/add/")
    page.locator(".field-section .select2-selection").click()
    expect(page.locator(".select2-search__field")).to_be_visible()
    page.locator(".datetimeshortcuts a").first.click()
    assert_no_violation(page, errors)


# django-reversion's revision and recover pages render the story form themselves ------------


def revision_pages(article) -> list[str]:
    """A story's "restore an old version" page and a deleted story's recover page."""
    import reversion
    from reversion.models import Version

    from articles.models import Article

    with reversion.create_revision():
        article.save()
    with reversion.create_revision():
        article.title = f"{article.title} (đã sửa)"
        article.save()
    first = Version.objects.get_for_object(article).last()
    gone = make_article("Bài đã bị xóa", body="<p>Nội dung của bài đã xóa.</p>")
    with reversion.create_revision():
        gone.save()
    gone.delete()
    deleted = Version.objects.get_deleted(Article).get()
    return [
        f"/admin/articles/article/{article.pk}/history/{first.pk}/",
        f"/admin/articles/article/recover/{deleted.pk}/",
    ]


def test_the_editors_import_map_carries_the_nonce_on_revision_pages(client):
    client.force_login(editor("bientap"))
    for url in revision_pages(make_article("Bài có lịch sử", body="<p>Bản đầu.</p>")):
        response = client.get(url)
        assert response.status_code == 200, url
        script_src = directive(response[CSP], "script-src")
        nonce = next(word for word in script_src if word.startswith("'nonce-"))[7:-1]
        html = response.content.decode()
        assert f'<script type="importmap" nonce="{nonce}">' in html, url
        for tag in INLINE_SCRIPT.findall(html):
            assert f'nonce="{nonce}"' in tag, url


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_body_editor_loads_on_the_revision_and_recover_pages(live_server, page):
    urls = revision_pages(make_article("Bài có lịch sử", body="<p>Bản đầu của bài.</p>"))
    editor("bientap")
    errors = watched(page)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", "mat-khau-thu-nghiem")
    page.locator("input[type=submit]").click()
    page.wait_for_url(live_server.url + "/admin/")
    for url, words in zip(urls, ["Bản đầu của bài.", "Nội dung của bài đã xóa."], strict=True):
        page.goto(live_server.url + url)
        body = page.locator(".ProseMirror[contenteditable=true]")
        expect(body).to_contain_text(words)
        expect(page.locator("#body-counter")).to_contain_text("từ")
        assert_no_violation(page, errors)
        assert [e for e in errors if "module specifier" in e] == []
