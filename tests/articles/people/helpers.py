"""People and contributors for the people tests."""

from articles.models import Contributor, Person, Role


def make_person(pen_name: str, **fields) -> Person:
    fields.setdefault("name", pen_name)
    return Person.objects.create(pen_name=pen_name, **fields)


def credit(article, person, role=Role.TEXT, position=0, **fields) -> Contributor:
    return Contributor.objects.create(
        article=article, person=person, role=role, position=position, **fields
    )


def staff(role: str, username: str):
    """A desk account in `role` (a group name of newsroom.roles), the groups synced first."""
    from tests.desk_users import _member

    return _member(role, username)
