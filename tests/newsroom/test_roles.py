import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from newsroom.roles import EDITOR, JOURNALIST, MODERATOR, ROLE_PERMISSIONS
from tests.desk_users import moderator

pytestmark = pytest.mark.django_db


def codes(group: Group) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


def test_migrations_create_the_three_groups_with_their_permissions():
    groups = {group.name: codes(group) for group in Group.objects.all()}
    assert set(groups) >= {JOURNALIST, EDITOR, MODERATOR}
    for name, wanted in ROLE_PERMISSIONS.items():
        assert groups[name] == set(wanted)


def test_only_editors_may_publish():
    assert "articles.publish_article" in codes(Group.objects.get(name=EDITOR))
    assert "articles.publish_article" not in codes(Group.objects.get(name=JOURNALIST))


def test_moderators_have_comment_rights_and_nothing_on_stories():
    moderators = codes(Group.objects.get(name=MODERATOR))
    assert {"comments.view_comment", "comments.change_comment"} <= moderators
    assert not {code for code in moderators if code.startswith("articles.")}


def test_migrate_again_puts_the_roles_right():
    editors = Group.objects.get(name=EDITOR)
    editors.permissions.remove(Permission.objects.get(codename="publish_article"))
    Group.objects.get(name=JOURNALIST).permissions.add(
        Permission.objects.get(codename="publish_article")
    )
    Group.objects.filter(name=MODERATOR).delete()

    call_command("migrate", verbosity=0)

    for name, wanted in ROLE_PERMISSIONS.items():
        assert codes(Group.objects.get(name=name)) == set(wanted)


def test_moderator_cannot_open_the_story_list(client):
    client.force_login(moderator())
    assert client.get("/admin/articles/article/").status_code == 403
    assert "/admin/articles/article/" not in client.get("/admin/").content.decode()
