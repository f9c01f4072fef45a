"""Tags read back as typed: comma-separated names, never wrapped in quotes."""

import pytest

from articles.models import Article
from articles.tag_text import parse_tags
from tests.articles.desk_forms import change_url, form_data
from tests.desk_users import editor
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_tags_come_back_after_saving_as_typed(client):
    story = make_article("Mùa lúa chín", status=Article.Status.DRAFT)
    client.force_login(editor())
    data = form_data(story, tags="Du lịch, Ruộng bậc thang")
    assert client.post(change_url(story), data).status_code == 302
    html = client.get(change_url(story)).content.decode()
    assert 'value="Du lịch, Ruộng bậc thang"' in html
    assert "&quot;" not in html.split('name="tags"')[1].split(">")[0]
    # Saved again unchanged, the tags stay the same two.
    story.refresh_from_db()
    client.post(change_url(story), form_data(story, tags="Du lịch, Ruộng bậc thang"))
    assert sorted(story.tags.names()) == ["Du lịch", "Ruộng bậc thang"]


def test_one_tag_of_several_words_stays_one_tag(client):
    story = make_article("Du lịch Sìn Hồ", status=Article.Status.DRAFT)
    client.force_login(editor())
    client.post(change_url(story), form_data(story, tags="Du lịch cộng đồng"))
    assert list(story.tags.names()) == ["Du lịch cộng đồng"]


def test_quotes_typed_around_a_name_are_dropped():
    assert parse_tags('"Du lịch", “Ruộng bậc thang” ,, du lịch') == [
        "Du lịch",
        "Ruộng bậc thang",
    ]


@pytest.mark.parametrize("change", [True, False])
def test_a_tag_too_long_is_a_form_error_keeping_what_was_typed(client, change):
    long_tag = "Lễ hội " + "rất " * 30 + "dài"
    typed = f"Du lịch, {long_tag}"
    client.force_login(editor())
    if change:
        story = make_article("Mùa lúa chín", status=Article.Status.DRAFT)
        response = client.post(change_url(story), form_data(story, tags=typed))
    else:
        data = form_data(title="Bài mới có thẻ dài", tags=typed)
        data["section"] = str(make_article("Bài khác").section_id)
        response = client.post("/admin/articles/article/add/", data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "tags" in errors and "100 ký tự" in errors["tags"][0]
    assert f'value="{typed}"' in response.content.decode()
    assert not Article.objects.filter(title="Bài mới có thẻ dài").exists()
