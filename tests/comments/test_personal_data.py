"""Readers' data (Nghị định 13/2023): emails and IPs cleared after COMMENT_PERSONAL_DAYS, one
reader's data erased on request from the admin, and each erasure logged without the email."""

from datetime import timedelta
from io import StringIO

import pytest
import reversion
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from comments import personal_data
from comments.models import Comment, CommentLike, CommentReport, Erasure
from comments.tasks import clear_comment_personal_data
from tests.desk_users import editor, journalist, moderator
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db

ERASE_URL = "/admin/comments/comment/du-lieu-ca-nhan/"
LOG_URL = "/admin/comments/erasure/"
EMAIL = "Chi.Mai@Example.com"


def sent(article, *, days_ago: float, email: str = "an@example.com", **fields) -> Comment:
    with time_machine.travel(timezone.now() - timedelta(days=days_ago), tick=False):
        return make_comment(
            article, email=email, ip_address="203.0.113.7", user_agent="Firefox/140", **fields
        )


def test_clearcommentdata_clears_what_is_older_than_the_limit_and_keeps_the_comment(settings):
    settings.COMMENT_PERSONAL_DAYS = 365
    article = make_article()
    old = sent(article, days_ago=366, name="Lò Văn Pấng", body="Bình luận cũ vẫn giữ.")
    recent = sent(article, days_ago=364)
    with time_machine.travel(timezone.now() - timedelta(days=400), tick=False):
        CommentLike.objects.create(comment=old, browser="b" * 32, network="203.0.113.7")
        CommentReport.objects.create(
            comment=old, browser="c" * 32, reason="spam", network="2001:db8::/64"
        )
    CommentLike.objects.create(comment=recent, browser="d" * 32, network="198.51.100.1")

    out = StringIO()
    call_command("clearcommentdata", stdout=out)

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.email, old.ip_address, old.user_agent) == ("", None, "")
    assert (old.name, old.body, old.status) == ("Lò Văn Pấng", "Bình luận cũ vẫn giữ.", "approved")
    assert (recent.email, recent.ip_address) == ("an@example.com", "203.0.113.7")
    assert list(CommentLike.objects.order_by("created_at").values_list("network", flat=True)) == [
        "",
        "198.51.100.1",
    ]
    assert CommentReport.objects.get().network == ""
    assert "Đã xóa dữ liệu cá nhân quá 365 ngày: 1 bình luận, 1 lượt thích, 1 báo vi phạm" in (
        out.getvalue()
    )
    # The story page still shows it, signed with its name.
    assert "Lò Văn Pấng" in Client().get(article.get_absolute_url()).text


def test_a_year_later_the_same_comment_is_cleared_by_the_daily_task():
    article = make_article()
    comment = sent(article, days_ago=0)
    assert clear_comment_personal_data.apply().result == 0
    with time_machine.travel(timezone.now() + timedelta(days=366)):
        assert clear_comment_personal_data.apply().result == 1
    comment.refresh_from_db()
    assert comment.email == "" and comment.ip_address is None


def test_the_daily_task_is_on_the_beat_schedule():
    tasks = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks["comments.tasks.clear_comment_personal_data"] == 24 * 3600.0


def test_stored_copies_of_old_comments_are_cleared_too():
    article = make_article()
    comment = sent(article, days_ago=400, email="cu@example.com")
    with (
        time_machine.travel(timezone.now() - timedelta(days=399), tick=False),
        reversion.create_revision(),
    ):
        reversion.add_to_revision(comment)
    call_command("clearcommentdata", stdout=StringIO())
    stored = Version.objects.get_for_object(comment).get().serialized_data
    assert "cu@example.com" not in stored and "203.0.113.7" not in stored
    assert comment.body in stored


def test_the_comment_form_says_how_the_email_is_used(settings):
    settings.COMMENT_PERSONAL_DAYS = 180
    article = make_article()
    page = Client().get(article.get_absolute_url()).text
    assert (
        "Email chỉ để tòa soạn liên hệ khi cần, không hiện trên trang và được xóa sau 180 ngày."
        in page
    )


# Erasure on request ---------------------------------------------------------------------------


@pytest.fixture
def theirs():
    article = make_article()
    first = sent(article, days_ago=3, email=EMAIL, name="Chị Mai", body="Thứ nhất.")
    second = sent(article, days_ago=2, email=EMAIL.lower(), name="Chị Mai", body="Thứ hai.")
    other = sent(article, days_ago=1, email="nguoi.khac@example.com", body="Của người khác.")
    return article, [first, second], other


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_erase_page_counts_the_comments_of_an_email(theirs, django_assert_max_num_queries):
    client = logged_in(moderator())
    with django_assert_max_num_queries(8):
        page = client.get(ERASE_URL, {"email": "chi.mai@example.com"})
    assert page.status_code == 200
    assert "<strong>2</strong> bình luận được gửi với email" in page.text
    assert "Giữ bình luận, ẩn danh" in page.text and "Xóa hẳn các bình luận" in page.text
    assert "Không có bình luận nào" in client.get(ERASE_URL, {"email": "ai@example.com"}).text
    assert "Địa chỉ email không hợp lệ" in client.get(ERASE_URL, {"email": "khong-phai"}).text


def test_keeping_the_comments_clears_their_email_and_ip_and_logs_it(theirs):
    article, mine, other = theirs
    mod = moderator()
    done = logged_in(mod).post(
        ERASE_URL, {"email": "chi.mai@example.com", "choice": "keep"}, follow=True
    )
    assert done.redirect_chain[-1][0] == LOG_URL
    assert "Đã ẩn danh (đã xóa email và IP) 2 bình luận" in done.text
    for comment in mine:
        comment.refresh_from_db()
        assert (comment.email, comment.ip_address, comment.user_agent) == ("", None, "")
        assert comment.name == "Chị Mai"
    other.refresh_from_db()
    assert other.email == "nguoi.khac@example.com"
    erasure = Erasure.objects.get()
    assert (erasure.by, erasure.comment_count, erasure.kept) == (mod, 2, True)
    assert erasure.email_hash == personal_data.email_hash(EMAIL)
    assert len(erasure.email_hash) == 64 and "@" not in erasure.email_hash
    # The log shows it, read only, and holds no email.
    assert "Chi.Mai" not in done.text and "chi.mai@example.com" not in done.text.lower()
    assert "Giữ, ẩn danh" in done.text


def test_deleting_the_comments_removes_them_and_their_stored_copies(theirs):
    article, mine, other = theirs
    with reversion.create_revision():
        reversion.add_to_revision(mine[0])
    logged_in(editor()).post(ERASE_URL, {"email": EMAIL, "choice": "delete"})
    assert list(Comment.objects.all()) == [other]
    assert not Version.objects.filter(serialized_data__icontains="chi.mai@example.com").exists()
    assert Erasure.objects.get().kept is False
    article.refresh_from_db()
    assert article.comment_count == 1
    assert "Thứ nhất." not in Client().get(article.get_absolute_url()).text


def test_the_choice_is_required(theirs):
    page = logged_in(moderator()).post(ERASE_URL, {"email": EMAIL})
    assert page.status_code == 200
    assert "Hãy chọn giữ (ẩn danh) hay xóa các bình luận." in page.text
    assert Erasure.objects.count() == 0


def test_the_comment_list_links_to_the_erase_page_for_those_who_may(theirs):
    link = f'href="{ERASE_URL}"'
    assert link in logged_in(moderator()).get("/admin/comments/comment/").text
    assert link in logged_in(editor()).get("/admin/comments/comment/").text


def test_a_journalist_may_not_erase_nor_read_the_log(theirs):
    client = logged_in(journalist())
    assert client.get(ERASE_URL, {"email": EMAIL}).status_code == 403
    assert client.post(ERASE_URL, {"email": EMAIL, "choice": "delete"}).status_code == 403
    assert client.get(LOG_URL).status_code == 403
    assert Comment.objects.count() == 3 and Erasure.objects.count() == 0


def test_the_log_is_read_only_and_found_by_email(theirs):
    client = logged_in(moderator())
    client.post(ERASE_URL, {"email": EMAIL, "choice": "keep"})
    erasure = Erasure.objects.get()
    assert client.get(f"{LOG_URL}{erasure.pk}/change/").status_code == 200
    assert client.post(f"{LOG_URL}{erasure.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get(f"{LOG_URL}add/").status_code == 403
    found = client.get(LOG_URL, {"q": "CHI.MAI@example.com"}).text
    assert erasure.email_hash in found
    assert erasure.email_hash not in client.get(LOG_URL, {"q": "ai@example.com"}).text
    assert Erasure.objects.count() == 1
