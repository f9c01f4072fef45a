"""A story's kind and media in its approval chain: another video after an approval is a change."""

import pytest

from articles.approvals import steps
from articles.models import Article
from tests.articles.approvals.conftest import paper  # noqa: F401 (the fixture)
from tests.articles.approvals.test_chain import submitted
from tests.articles.desk_forms import change_url, form_data
from tests.factories import make_image

from .builders import make_media

pytestmark = pytest.mark.django_db


def test_another_video_after_an_approval_goes_back_to_that_level(client, paper):  # noqa: F811
    story = submitted(paper, title="Phóng sự mùa lũ", kind=Article.Kind.VIDEO, video=make_media())
    steps.approve(story, by=paper.head)
    story.refresh_from_db()
    client.force_login(paper.editor)
    other = make_media(title="Bản dựng lại")
    data = form_data(story, kind="video", video=str(other.pk))
    answer = client.post(change_url(story), data, follow=True)
    assert "về lại cấp 1" in answer.content.decode()
    story.refresh_from_db()
    assert story.video == other and story.approval_level == 1


def test_another_main_picture_after_an_approval_goes_back_to_that_level(client, paper):  # noqa: F811
    story = submitted(paper, title="Mùa lúa chín")
    steps.approve(story, by=paper.head)
    story.refresh_from_db()
    client.force_login(paper.editor)
    picture = make_image(alt_text="Ruộng bậc thang")
    answer = client.post(
        change_url(story), form_data(story, hero_image=str(picture.pk)), follow=True
    )
    assert "về lại cấp 1" in answer.content.decode()
    story.refresh_from_db()
    assert story.hero_image == picture and story.approval_level == 1
