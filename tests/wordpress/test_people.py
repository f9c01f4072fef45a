"""`import_wordpress`: each WordPress author becomes a person, the writer of their stories."""

import pytest

from articles.models import Article, Contributor, Person
from tests.articles.people.helpers import make_person

from .conftest import EXPORT, run_import

pytestmark = pytest.mark.django_db


def writers(title_start: str) -> list[str]:
    story = Article.objects.get(title__startswith=title_start)
    return [c.person.pen_name for c in story.contributors.select_related("person")]


def test_each_author_is_a_person_writing_their_stories(uploads):
    run_import(EXPORT, "--media-dir", str(uploads))
    assert writers("Mùa lúa chín") == ["Thu Hà"]
    assert writers("Họp báo") == ["khach"]  # no wp:author entry: the login
    assert Article.objects.get(title__startswith="Mùa lúa chín").byline == "Thu Hà"
    people = Person.objects.count()
    assert people == len(set(Article.objects.values_list("byline", flat=True)))
    # Run again: the same people, no second row per story.
    contributors = Contributor.objects.count()
    run_import(EXPORT, "--media-dir", str(uploads))
    assert (Person.objects.count(), Contributor.objects.count()) == (people, contributors)


def test_an_author_already_on_the_desk_is_that_person(uploads):
    known = make_person("thu  HÀ", name="Nguyễn Thu Hà")
    run_import(EXPORT, "--media-dir", str(uploads))
    assert Article.objects.get(title__startswith="Mùa lúa chín").contributors.get().person == known
