"""The story page's one context: previews keep none of the readers' parts, nor read them."""

import pytest

from articles.models import Article, Tag
from articles.story_page import story_context
from tests.articles.desk_forms import form_data
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def preview_url(article: Article) -> str:
    return f"/admin/articles/article/{article.pk}/preview/"


@pytest.fixture
def live_story():
    story = make_article("Chợ phiên Sìn Hồ", body="<p>Thân bài đã lưu.</p>")
    story.tags.add("Chợ phiên")
    return story


def test_the_forms_preview_neither_reads_nor_leaves_the_readers_parts(
    client, editor_client, live_story
):
    reader = client.__class__()
    assert "Chợ phiên" in reader.get(live_story.get_absolute_url()).content.decode()

    data = form_data(live_story, body="<p>Thân bài chưa lưu.</p>", tags="Sìn Hồ mới")
    preview = editor_client.post(preview_url(live_story), data).content.decode()
    assert "Thân bài chưa lưu." in preview and ">Sìn Hồ mới</a>" in preview
    assert ">Chợ phiên</a>" not in preview

    page = reader.get(live_story.get_absolute_url()).content.decode()
    assert "Thân bài đã lưu." in page and ">Chợ phiên</a>" in page
    assert "Sìn Hồ mới" not in page and "chưa lưu" not in page


def test_the_staff_preview_shows_the_story_as_saved_not_as_kept(client, editor_client, live_story):
    """A change that purged nothing (a draft's, say) shows in the preview all the same."""
    reader = client.__class__()
    assert "Thân bài đã lưu." in reader.get(live_story.get_absolute_url()).content.decode()
    Article.objects.filter(pk=live_story.pk).update(body="<p>Thân bài sửa thẳng.</p>")

    preview = editor_client.get(preview_url(live_story)).content.decode()
    assert "Thân bài sửa thẳng." in preview and "Thân bài đã lưu." not in preview


def test_a_story_shown_with_tags_it_was_not_saved_with_leaves_no_part(client, live_story):
    """Whoever asks: only the saved story is ever kept for readers."""
    shown = story_context(live_story, tags=[Tag(name="Chưa lưu", slug="chua-luu")])
    assert [tag.name for tag in shown["tags"]] == ["Chưa lưu"]
    page = client.get(live_story.get_absolute_url()).content.decode()
    assert ">Chợ phiên</a>" in page and "Chưa lưu" not in page
