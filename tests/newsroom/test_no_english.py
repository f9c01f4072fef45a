"""No English in the desk (issue 12): every admin page each role reaches reads Vietnamese."""

import json
import re

import pytest
from django.test import Client
from reversion.models import Version

from articles.models import Article
from comments.models import BlockedWord, CommentReport
from tests.articles.desk_forms import change_url, form_data
from tests.desk_users import editor, journalist, moderator
from tests.factories import make_article, make_comment, make_image, make_section, make_user
from tests.newsroom.admin_crawl import crawl, english_in

pytestmark = pytest.mark.django_db

ROLES = {
    "journalist": lambda: journalist("phongvien"),
    "editor": lambda: editor("bientap"),
    "moderator": lambda: moderator("kiemduyet"),
    "superuser": lambda: make_user("quantri", is_superuser=True),
}


@pytest.fixture
def newsroom():
    """A working desk: a story with revisions, a deleted one, comments with reports, pictures."""
    chief = editor("truongban")
    desk = Client()
    desk.force_login(chief)
    section = make_section("Học tập, làm theo Bác")
    make_section("Giáo dục", parent=section)
    picture = make_image("Ảnh hội nghị", caption="Hội nghị tổng kết")
    story = make_article(
        "Làm theo Bác ở Đảng bộ Sở Nội vụ",
        section=section,
        tags=["Đảng bộ", "Sở Nội vụ"],
        hero_image=picture,
    )
    for lead in ("Sapo lần một.", "Sapo lần hai."):
        desk.post(change_url(story), form_data(story, lead=lead))
        story.refresh_from_db()
    gone = make_article("Bài sẽ bị xóa", section=section)
    desk.post(change_url(gone), form_data(gone))
    desk.post(f"/admin/articles/article/{gone.pk}/delete/", {"post": "yes"})
    assert Version.objects.get_deleted(Article).exists()
    make_article("Bản nháp của phóng viên", status="draft", section=section)
    make_article("Bài chờ duyệt", status="pending", section=section)
    waiting = make_comment(story, status="pending", name="Bạn đọc Lan", body="Cần xem lại.")
    reported = make_comment(story, name="Bạn đọc Minh", body="Bình luận bị báo.")
    make_comment(story, status="spam", name="Quảng cáo", body="Mua hàng giá rẻ")
    make_comment(story, parent=reported, name="Bạn đọc Hoa", body="Trả lời.")
    for n, reason in enumerate(CommentReport.Reason.values):
        CommentReport.objects.create(comment=reported, browser=f"trinh-duyet-{n}", reason=reason)
    BlockedWord.objects.create(word="cờ bạc")
    return {"story": story, "comment": waiting, "section": section, "picture": picture}


def extra_pages(seed) -> list[str]:
    """Pages opened by script or by hand rather than by a link: popups, picker, queue."""
    story, comment = seed["story"], seed["comment"]
    pages = [
        "/admin/",
        "/admin/password_change/",
        "/admin/comments/comment/kiem-duyet/",
        "/admin/articles/image/picker/",
        "/admin/articles/image/picker/?_popup=1",
        f"/admin/articles/article/{story.pk}/history/",
        "/admin/articles/article/recover/",
        f"/admin/comments/comment/{comment.pk}/change/",
    ]
    for model in ("section", "tag", "image", "article"):
        pages.append(f"/admin/articles/{model}/?_popup=1&_to_field=id")
        pages.append(f"/admin/articles/{model}/add/?_popup=1&_to_field=id")
    pages += [
        f"/admin/articles/article/{story.pk}/history/{version.pk}/"
        for version in Version.objects.get_for_object(story)
    ]
    pages += [
        f"/admin/articles/article/recover/{version.pk}/"
        for version in Version.objects.get_deleted(Article)
    ]
    return pages


LIMIT = 800


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_page_a_role_reaches_reads_vietnamese(role, newsroom):
    user = ROLES[role]()
    client = Client()
    client.force_login(user)
    problems: dict[str, str] = {}  # what was found -> the first page it was on
    opened = requested = 0
    for url, response in crawl(client, extra_pages(newsroom), limit=LIMIT):
        assert response.status_code < 500, url
        requested += 1
        opened += response.status_code == 200
        if "html" in response.get("Content-Type", ""):
            for found in english_in(response.content.decode()):
                problems.setdefault(found, url)
    assert opened > 10 and requested < LIMIT  # every reachable page was read
    assert not problems, "\n".join(f"{found} (first on {url})" for found, url in problems.items())


@pytest.mark.parametrize("role", ["journalist", "moderator"])
def test_a_page_the_role_may_not_open_refuses_in_vietnamese(role, client):
    client.force_login(ROLES[role]())
    for url in ["/admin/auth/user/", "/admin/auth/group/add/", "/admin/articles/article/recover/"]:
        response = client.get(url)
        assert response.status_code == 403, url
        html = response.content.decode()
        assert "Không có quyền truy cập" in html
        assert not english_in(html), url


# Keys of the admin's JavaScript catalogue (calendar, clock, selection counter) as Django's
# JavaScript looks them up; "\x04" joins a context to its message.
JS_WORDS = {
    "Today": "Hôm nay",
    "Now": "Bây giờ",
    "Yesterday": "Hôm qua",
    "Tomorrow": "Ngày mai",
    "Midnight": "0 giờ đêm",
    "Noon": "12 giờ trưa",
    "Cancel": "Thôi",
    "Choose a time": "Chọn giờ",
    "Choose a Date": "Chọn ngày",
    "Show": "Hiện",
    "Hide": "Ẩn",
    "Remove all %s": "Bỏ tất cả %s",
    "one letter Monday\x04M": "T2",
    "one letter Sunday\x04S": "CN",
}


def test_the_admin_javascript_catalogue_is_vietnamese(client):
    client.force_login(editor("bientap"))
    script = client.get("/admin/jsi18n/").content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    assert {key: catalog.get(key) for key in JS_WORDS} == JS_WORDS
    assert catalog["%(sel)s of %(cnt)s selected"] == ["Đã chọn %(sel)s/%(cnt)s"]
