"""The admin's words (issue 14): what a Vietnamese newsroom says, where Django says it oddly."""

import re

import pytest
from django.test import Client
from reversion.models import Version

from tests.articles.desk_forms import change_url, form_data
from tests.desk_users import editor, journalist
from tests.factories import make_article, make_user
from tests.newsroom.admin_crawl import english_in, read

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client):
    client.force_login(editor("bientap"))
    return client


def text(response) -> str:
    """What a person reads on the page, spaces folded."""
    return re.sub(r"\s+", " ", " ".join(read(response.content.decode()).text))


def test_the_story_list_says_thao_tac_thuc_hien_and_da_chon(desk):
    make_article("Bài thứ nhất")
    page = text(desk.get("/admin/articles/article/"))
    assert "Thao tác:" in page and "Thực hiện" in page and "Đã chọn 0/1" in page
    assert "Thêm bài viết" in page
    for awkward in ("Hoạt động:", "Đi đến", "0 của 1 được chọn", "Thêm vào"):
        assert awkward not in page


def test_the_story_form_says_lich_su_and_xoa(desk):
    story = make_article("Bài có bài liên quan")
    page = text(desk.get(change_url(story)))
    assert "Lịch sử" in page and "Bản ghi nhớ" not in page
    # The related stories' delete column.
    assert "Xóa?" in page and "Bạn muốn xóa?" not in page


def test_an_empty_recent_actions_box_says_chua_co(desk):
    page = text(desk.get("/admin/"))
    assert "Chưa có" in page and "Không có sẵn" not in page


def test_a_delete_confirmation_asks_ban_chac_chan_muon_xoa(desk):
    story = make_article("Bài sắp xóa")
    page = text(desk.get(f"/admin/articles/article/{story.pk}/delete/"))
    assert "Bạn chắc chắn muốn xóa bài viết “Bài sắp xóa”?" in page
    assert "Bạn có chắc là muốn xóa" not in page


def test_a_form_with_an_error_asks_in_vietnamese(desk):
    response = desk.post("/admin/articles/article/add/", form_data(title=""))
    page = text(response)
    assert response.status_code == 200
    assert "Vui lòng sửa lỗi bên dưới." in page
    assert "Please correct" not in page


def test_the_skip_link_for_screen_readers_is_vietnamese(desk):
    page = text(desk.get("/admin/"))
    assert "Chuyển đến nội dung chính" in page and "Skip to main content" not in page


def test_the_revision_pages_read_vietnamese(desk):
    story = make_article("Làm theo Bác")
    for lead in ("Sapo một.", "Sapo hai."):
        desk.post(change_url(story), form_data(story, lead=lead))
        story.refresh_from_db()
    history = desk.get(f"/admin/articles/article/{story.pk}/history/")
    assert "Chọn một thời điểm trong danh sách dưới đây để trở lại bản đã lưu lúc đó." in text(
        history
    )
    version = Version.objects.get_for_object(story).last()
    revision = desk.get(f"/admin/articles/article/{story.pk}/history/{version.pk}/")
    assert "Khôi phục một bản cũ của bài" in text(revision)
    for page in (history, revision):
        assert not english_in(page.content.decode())


def test_the_recover_pages_read_vietnamese(desk):
    story = make_article("Bài bị xóa")
    desk.post(change_url(story), form_data(story))
    desk.post(f"/admin/articles/article/{story.pk}/delete/", {"post": "yes"})
    recover_list = desk.get("/admin/articles/article/recover/")
    assert "Khôi phục bài viết đã xóa" in text(recover_list)
    assert "Chọn một thời điểm trong danh sách dưới đây để khôi phục bản đã xóa lúc đó." in text(
        recover_list
    )
    version = Version.objects.get_deleted(type(story)).get()
    recover = desk.get(f"/admin/articles/article/recover/{version.pk}/")
    assert "Khôi phục bài đã xóa “Bài bị xóa”" in text(recover)
    for page in (recover_list, recover):
        assert not english_in(page.content.decode())


def test_the_tag_list_columns_are_ten_the_and_duong_dan(desk):
    make_article("Bài có thẻ", tags=["Đảng bộ"])
    html = desk.get("/admin/articles/tag/").content.decode()
    cells = re.findall(r"<th[^>]*>(.*?)</th>", html, re.S)
    headers = [re.sub(r"<[^>]+>|\s+", " ", cell).strip() for cell in cells]
    assert "Tên thẻ" in headers and "Đường dẫn" in headers
    assert "Name" not in headers and "Slug" not in headers


def test_permissions_read_vietnamese_in_the_group_form(client):
    client.force_login(make_user("quantri", is_superuser=True))
    journalist("phongvien")  # makes the roles' groups
    response = client.get("/admin/auth/group/add/")
    options = re.findall(r"<option[^>]*>([^<]*)</option>", response.content.decode())
    assert "Bài viết | bài viết | Thêm bài viết" in options
    assert "Thẻ | thẻ | Sửa thẻ" in options  # taggit's own tag
    assert "Bài viết | thẻ | Xóa thẻ" in options
    assert not [option for option in options if english_in(f"<p>{option}</p>")]
    assert "Quyền:" in text(response) and "Cho phép:" not in text(response)


def test_permissions_read_vietnamese_in_the_user_form(client):
    client.force_login(make_user("quantri", is_superuser=True))
    staff = journalist("phongvien")
    response = client.get(f"/admin/auth/user/{staff.pk}/change/")
    options = re.findall(r"<option[^>]*>([^<]*)</option>", response.content.decode())
    assert "Bình luận | bình luận | Xem bình luận" in options
    assert not [option for option in options if "Can " in option or "Taggit" in option]


def test_a_staff_member_refused_in_the_admin_gets_a_vietnamese_page_back_to_the_desk():
    client = Client()
    client.force_login(journalist("phongvien"))
    response = client.get("/admin/auth/user/")
    assert response.status_code == 403
    page = text(response)
    assert "Không có quyền truy cập" in page and "Forbidden" not in page
    assert 'href="/admin/"' in response.content.decode() and "Về bàn biên tập" in page


def test_a_refusal_outside_the_admin_keeps_the_readers_way_home(client, rf):
    from django.core.exceptions import PermissionDenied
    from django.views.defaults import permission_denied

    request = rf.get("/bai-viet/khong-duoc-xem/")
    request.user = journalist("phongvien")
    page = permission_denied(request, PermissionDenied()).content.decode()
    assert "Không có quyền truy cập" in page and "Về trang chủ" in page
    assert "Về bàn biên tập" not in page


def test_deleting_stories_says_so_without_a_space_before_the_full_stop(desk):
    story = make_article("Bài sẽ xóa")
    response = desk.post(
        "/admin/articles/article/",
        {"action": "delete_selected", "_selected_action": [story.pk], "post": "yes"},
        follow=True,
    )
    assert "Đã xóa thành công 1 bài viết." in text(response)
    assert "bài viết ." not in text(response)


@pytest.mark.parametrize("path", ["/admin/", "/admin/login/", "/admin/articles/article/"])
def test_desk_pages_name_the_papers_icon_so_browsers_do_not_ask_for_favicon_ico(client, path):
    client.force_login(editor("bientap"))
    if path == "/admin/login/":
        client.logout()
    html = client.get(path).content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg"' in html
