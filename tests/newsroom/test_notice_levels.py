"""A sent-back story reaches its journalist as a warning with the editor's note, not a success."""

import re

import pytest

from articles import workflow
from articles.models import Article
from tests.desk_users import editor, journalist
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def messages_on(client) -> dict[str, str]:
    html = client.get("/admin/").content.decode()
    return dict(re.findall(r'<li class="(\w+)">(.*?)</li>', html.split('class="messagelist"')[1]))


def test_sent_back_notice_is_a_warning_with_the_note(client):
    reporter, desk = journalist(), editor()
    story = make_article("Bài cần sửa", status=Article.Status.PENDING, author=reporter)
    workflow.send_back(story, by=desk, note="Bổ sung ảnh và nguồn tin.")
    client.force_login(reporter)
    shown = messages_on(client)
    assert "warning" in shown, shown
    assert "Bổ sung ảnh và nguồn tin." in shown["warning"]
    assert "success" not in shown and "info" not in shown


def test_published_notice_stays_plain_information(client):
    reporter, desk = journalist(), editor()
    story = make_article("Bài tốt", status=Article.Status.PENDING, author=reporter)
    workflow.publish(story, by=desk)
    client.force_login(reporter)
    shown = messages_on(client)
    assert "đã được xuất bản" in shown.get("info", ""), shown
    assert "warning" not in shown
