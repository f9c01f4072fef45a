"""One vocabulary of story states, the lead's limit on the model, and what a copy loaded."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import LEAD_MAX_LENGTH, Article, State
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def one_of_each_state():
    return {
        State.DRAFT: make_article("Bài nháp", status=Article.Status.DRAFT),
        State.PENDING: make_article("Bài chờ", status=Article.Status.PENDING),
        State.SCHEDULED: make_article("Bài hẹn", published_at=timezone.now() + timedelta(days=1)),
        State.PUBLISHED: make_article("Bài đã đăng"),
        State.UNPUBLISHED: make_article("Bài đã gỡ", status=Article.Status.UNPUBLISHED),
        State.TAKEN_DOWN: make_article("Bài gỡ theo yêu cầu", status=Article.Status.TAKEN_DOWN),
    }


@pytest.mark.parametrize("state", State.values)
def test_each_story_is_in_the_one_state_the_queryset_finds_it_in(state):
    stories = one_of_each_state()
    assert list(Article.objects.in_state(state)) == [stories[state]]
    assert [s for s, story in stories.items() if story.state == state] == [state]


def test_public_and_scheduled_are_two_of_the_states():
    stories = one_of_each_state()
    assert list(Article.objects.public()) == [stories[State.PUBLISHED]]
    assert list(Article.objects.scheduled()) == [stories[State.SCHEDULED]]
    assert set(Article.objects.published_or_scheduled()) == {
        stories[State.PUBLISHED],
        stories[State.SCHEDULED],
    }


def test_a_scheduled_story_changes_state_at_its_time(time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    story = make_article(published_at=timezone.now() + timedelta(hours=2))
    assert story.state == State.SCHEDULED and Article.objects.scheduled().exists()
    time_machine.shift(timedelta(hours=2, seconds=1))
    assert story.state == State.PUBLISHED and not Article.objects.scheduled().exists()
    assert list(Article.objects.in_state(State.PUBLISHED)) == [story]


def test_no_other_state_is_asked_for():
    with pytest.raises(ValueError, match="hẹn"):
        Article.objects.in_state("hẹn")


def test_the_lead_limit_is_the_models():
    story = make_article()
    story.lead = "Chữ " * (LEAD_MAX_LENGTH // 4 + 1)
    with pytest.raises(ValidationError) as refused:
        story.full_clean()
    assert list(refused.value.message_dict) == ["lead"]
    assert f"{LEAD_MAX_LENGTH}" in refused.value.message_dict["lead"][0]
    assert Article._meta.get_field("lead").max_length == LEAD_MAX_LENGTH


def test_the_database_refuses_a_lead_over_the_limit_from_any_writer():
    story = make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=story.pk).update(lead="x" * (LEAD_MAX_LENGTH + 1))
    Article.objects.filter(pk=story.pk).update(lead="x" * LEAD_MAX_LENGTH)


def test_a_copy_knows_what_it_loaded_and_what_changed():
    story = Article.objects.get(pk=make_article("Bão số ba").pk)
    assert story.changed_fields() == frozenset()
    assert story.loaded["title"] == "Bão số ba"
    story.title, story.featured = "Bão số bốn", True
    assert story.changed_fields() == {"title", "featured"}
    assert story.loaded["title"] == "Bão số ba"
    story.save()
    assert story.changed_fields() == frozenset() and story.loaded["title"] == "Bão số bốn"


def test_a_refreshed_or_deferred_field_is_what_the_copy_loaded():
    story = Article.objects.only("pk", "title").get(pk=make_article("Bão số ba").pk)
    assert "lead" not in story.loaded and "lead" not in story.changed_fields()
    assert story.lead  # read now, from the row
    assert story.loaded["lead"] == story.lead
    Article.objects.filter(pk=story.pk).update(title="Đổi nơi khác")
    story.refresh_from_db(fields=["title"])
    assert story.loaded["title"] == "Đổi nơi khác" and story.changed_fields() == frozenset()


def test_a_new_story_has_loaded_nothing():
    story = Article(title="Mới")
    assert story.loaded == {} and story.as_loaded("title") is None
    assert "title" in story.changed_fields()
