"""The recount command puts counts right after changes made outside moderation."""

from io import StringIO

import pytest
from django.core.management import call_command

from comments.models import Comment
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


def test_recountcomments_fixes_counts_changed_behind_moderations_back():
    article = make_article()
    make_comment(article)
    make_comment(article, status=Comment.Status.PENDING)
    Comment.objects.update(status=Comment.Status.APPROVED)  # e.g. an import or a SQL fix
    article.refresh_from_db()
    assert article.comment_count == 1

    out = StringIO()
    call_command("recountcomments", stdout=out)

    article.refresh_from_db()
    assert article.comment_count == 2
    assert "Đã đếm lại bình luận của 1 bài viết." in out.getvalue()
