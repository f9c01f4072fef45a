"""The byline printed on the page and the account that filed the story are told apart.

A story goes live only with a byline, whichever way it is published.
"""

import pytest

from articles import workflow
from articles.models import Article
from tests.articles.desk_forms import change_url, form_data
from tests.desk_users import editor, journalist
from tests.factories import make_article

pytestmark = pytest.mark.django_db

NO_BYLINE = "Bài chưa có bút danh in trên bài"


@pytest.fixture
def pending():
    return make_article(
        "Mùa lúa mới", status=Article.Status.PENDING, byline="", author=journalist()
    )


def test_the_form_names_the_printed_byline_and_the_filing_account_apart(client, pending):
    client.force_login(editor())
    html = client.get(change_url(pending)).content.decode()
    assert "Bút danh in trên bài" in html and "Tài khoản nhập bài" in html
    assert ">Tác giả<" not in html and "Người viết" not in html


def test_publishing_without_a_byline_is_refused_in_vietnamese(pending):
    with pytest.raises(workflow.WorkflowError, match=NO_BYLINE):
        workflow.publish(pending, by=editor())
    pending.refresh_from_db()
    assert pending.status == Article.Status.PENDING and not pending.is_public


def test_publish_button_saves_but_does_not_publish_without_a_byline(client, pending):
    client.force_login(editor())
    data = form_data(pending, byline="", lead="Sapo đã sửa.", _publish="1")
    page = client.post(change_url(pending), data, follow=True).content.decode()
    assert NO_BYLINE in page
    pending.refresh_from_db()
    assert pending.lead == "Sapo đã sửa." and pending.status == Article.Status.PENDING


def test_publish_action_refuses_stories_without_a_byline(client, pending):
    signed = make_article("Có bút danh", status=Article.Status.PENDING, byline="Minh Anh")
    client.force_login(editor())
    page = client.post(
        "/admin/articles/article/",
        {"action": "publish_articles", "_selected_action": [pending.pk, signed.pk]},
        follow=True,
    ).content.decode()
    assert "Đã xuất bản hoặc hẹn giờ 1 bài." in page
    assert NO_BYLINE in page
    pending.refresh_from_db()
    signed.refresh_from_db()
    assert signed.is_public and not pending.is_public
