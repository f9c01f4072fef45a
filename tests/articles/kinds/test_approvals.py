"""A story's kind and media in its approval chain: another video after an approval is a change."""

import pytest

from articles import workflow
from articles.approvals import steps
from articles.models import Article
from tests.articles.approvals.conftest import paper  # noqa: F401 (the fixture)
from tests.articles.approvals.test_chain import submitted
from tests.articles.desk_forms import change_url, form_data
from tests.factories import make_image

from .builders import add_pictures, make_media

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


def _gallery_as_stored(story, **captions) -> dict:
    """The gallery inline's rows as the form shows them, with `captions` by position changed."""
    rows = list(story.gallery.order_by("position"))
    data = {
        "gallery-TOTAL_FORMS": str(len(rows)),
        "gallery-INITIAL_FORMS": str(len(rows)),
        "gallery-MIN_NUM_FORMS": "0",
        "gallery-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(rows):
        data.update(
            {
                f"gallery-{n}-id": str(row.pk),
                f"gallery-{n}-article": str(story.pk),
                f"gallery-{n}-image": str(row.image_id),
                f"gallery-{n}-position": str(row.position),
                f"gallery-{n}-caption": captions.get(f"p{row.position}", row.caption),
                f"gallery-{n}-credit": row.credit,
            }
        )
    return data


@pytest.mark.parametrize("caption_changed", [True, False])
def test_a_photo_storys_pictures_changed_after_an_approval_go_back(client, paper, caption_changed):  # noqa: F811
    story = paper.story(None, title="Mùa lúa chín", kind=Article.Kind.PHOTO)
    add_pictures(story, 3)
    workflow.submit(story, by=paper.reporter)
    steps.approve(story, by=paper.head)
    story.refresh_from_db()
    client.force_login(paper.editor)
    captions = {"p2": "Chú thích mới cho ảnh thứ hai"} if caption_changed else {}
    data = {**form_data(story, kind="photo"), **_gallery_as_stored(story, **captions)}
    answer = client.post(change_url(story), data, follow=True)
    assert answer.status_code == 200
    story.refresh_from_db()
    assert ("về lại cấp 1" in answer.content.decode()) is caption_changed
    assert story.approval_level == (1 if caption_changed else 2)
    if caption_changed:
        assert story.gallery.get(position=2).caption == "Chú thích mới cho ảnh thứ hai"
