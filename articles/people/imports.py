"""People for stories brought from elsewhere: the WordPress import.

A name finds the person whose pen name (or name) is the same name, NFC, case and spacing
ignored (`same_name`; the database narrows by the folded name, Python keeps the diacritics).
With none, a person is made for it. The import makes that person the story's one writer, so
its byline is their name as before.
"""

from django.db.models import F, Q, Value

from newsroom.desk_search import Fold
from newsroom.vietnamese import clean_name

from ..models import Contributor, Person, Role, same_name


def person_named(name: str) -> Person | None:
    """The person called `name`, made if there is none; None for an empty name."""
    name = clean_name(name)
    key = same_name(name)
    if not key:
        return None
    folded = Fold(Value(name))
    candidates = Person.objects.annotate(pen=Fold(F("pen_name")), full=Fold(F("name"))).filter(
        Q(pen=folded) | Q(full=folded)
    )
    for person in candidates.order_by("pk"):
        if key in (same_name(person.pen_name), same_name(person.name)):
            return person
    return Person.objects.create(name=name, pen_name=name)


def make_writer(article, person: Person | None) -> None:
    """`person` as the story's one writer (others writers removed; other roles kept)."""
    if person is None:
        return
    article.contributors.filter(role=Role.TEXT).exclude(person=person).delete()
    Contributor.objects.get_or_create(article=article, person=person, role=Role.TEXT)
