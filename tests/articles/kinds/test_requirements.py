"""What each kind needs before review or publication, as the workflow asks it."""

import pytest

from articles import workflow
from articles.kinds import requirements
from articles.models import Article
from multimedia.models import MediaFile
from tests.desk_users import editor, journalist
from tests.factories import make_article, make_image

from .builders import TEXT_ALTERNATIVE, add_pictures, make_kind_story, make_media

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", [k for k in Article.Kind.values if k != Article.Kind.TEXT])
def test_a_complete_story_of_each_kind_lacks_nothing(kind):
    assert requirements.missing(make_kind_story(kind)) == {}


def test_a_text_story_needs_nothing_more():
    assert requirements.missing(make_article(body="")) == {}


def test_video_story_needs_its_video_and_one_that_could_be_read():
    story = make_article(kind=Article.Kind.VIDEO)
    assert "cần có video" in requirements.missing(story)["video"]
    story.video = make_media(ready=False)
    assert requirements.missing(story) == {}  # being prepared is fine: the page says so
    story.video.state = MediaFile.State.FAILED
    assert "không xử lý được" in requirements.missing(story)["video"]


def test_audio_story_needs_its_sound():
    story = make_article(kind=Article.Kind.AUDIO)
    assert "âm thanh" in requirements.missing(story)["audio"]


def test_photo_story_needs_three_pictures_each_with_a_caption():
    story = make_article(kind=Article.Kind.PHOTO)
    add_pictures(story, 2)
    assert "ít nhất 3 ảnh" in requirements.missing(story)["gallery"]
    add_pictures(story, 1, caption="")  # at place 1, the first picture's place: after it
    assert requirements.missing(story) == {
        "gallery": "Mỗi ảnh trong bài ảnh cần chú thích: ảnh thứ 2 chưa có."
    }


def test_a_picture_with_its_own_stored_caption_needs_none_in_the_story():
    story = make_article(kind=Article.Kind.PHOTO)
    add_pictures(story, 3, caption="")
    story.gallery.update(image=make_image(caption="Ruộng bậc thang Mù Cang Chải"))
    assert requirements.missing(story) == {}


def test_infographic_needs_its_graphic_and_a_paragraph_of_text():
    story = make_article(kind=Article.Kind.INFOGRAPHIC, body="<p>Xem ảnh.</p>")
    gaps = requirements.missing(story)
    assert set(gaps) == {"hero_image", "body"}
    assert "ít nhất một đoạn" in gaps["body"]
    story.body = TEXT_ALTERNATIVE
    story.hero_image = make_image()
    assert requirements.missing(story) == {}


def test_drafts_may_be_incomplete_review_and_publication_may_not():
    assert not requirements.applies(Article.Status.DRAFT)
    assert requirements.applies(Article.Status.DRAFT, "submit")
    assert requirements.applies(Article.Status.DRAFT, "publish")
    assert requirements.applies(Article.Status.PENDING)
    assert requirements.applies(Article.Status.PUBLISHED)
    assert not requirements.applies(Article.Status.UNPUBLISHED)


def test_workflow_refuses_to_submit_or_publish_an_incomplete_story():
    reporter = journalist()
    story = make_article(kind=Article.Kind.VIDEO, status=Article.Status.DRAFT, author=reporter)
    with pytest.raises(workflow.WorkflowError, match="Bài video cần có video"):
        workflow.submit(story, by=reporter)
    with pytest.raises(workflow.WorkflowError, match="Bài video cần có video"):
        workflow.publish(story, by=editor())
    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT


def test_workflow_publishes_a_complete_photo_story():
    story = make_kind_story(Article.Kind.PHOTO, status=Article.Status.DRAFT)
    workflow.publish(story, by=editor())
    assert story.is_public
