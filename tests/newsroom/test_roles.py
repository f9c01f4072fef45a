import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from newsroom.roles import EDITOR, JOURNALIST, MODERATOR
from tests.desk_users import moderator

pytestmark = pytest.mark.django_db


def codes(group: Group) -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


# The policy, written out rather than read from ROLE_PERMISSIONS: a change to the roles must
# change this test too. Journalists write (their change and delete rights are narrowed to
# their own drafts by the admin) and upload pictures; editors also publish, delete pictures,
# keep sections, tags and share links; moderators handle comments and nothing else. Editors
# and moderators both read the record of failed admin logins (django-axes) but change nothing.
POLICY = {
    JOURNALIST: {
        "articles.add_article",
        "articles.add_image",
        "articles.add_relatedarticle",
        "articles.add_gallerypicture",
        "articles.change_article",
        "articles.change_image",
        "articles.change_relatedarticle",
        "articles.change_gallerypicture",
        "articles.delete_article",
        "articles.delete_relatedarticle",
        "articles.delete_gallerypicture",
        "articles.view_article",
        "articles.view_image",
        "articles.view_relatedarticle",
        "articles.view_gallerypicture",
        "articles.view_section",
        "articles.view_tag",
        # The people behind the stories (issue 25): picked on the story form, a collaborator
        # added on the spot; their contact and bank details are not in these rights.
        "articles.add_contributor",
        "articles.add_person",
        "articles.change_contributor",
        "articles.delete_contributor",
        "articles.view_contributor",
        "articles.view_person",
        # Video and sound for their stories (issue 26).
        "multimedia.add_mediafile",
        "multimedia.change_mediafile",
        "multimedia.view_mediafile",
    },
    EDITOR: {
        "axes.view_accessattempt",
        "axes.view_accessfailurelog",
        "axes.view_accesslog",
        "articles.compose_front",
        "articles.view_placement",
        "newsletter.view_subscriber",
        "newsletter.delete_subscriber",
        "articles.add_article",
        "articles.add_correction",
        "articles.add_image",
        "articles.add_relatedarticle",
        "articles.add_gallerypicture",
        "articles.add_section",
        "articles.add_sharelink",
        "articles.add_tag",
        "articles.change_article",
        "articles.change_image",
        "articles.change_relatedarticle",
        "articles.change_gallerypicture",
        "articles.change_section",
        "articles.change_sharelink",
        "articles.change_tag",
        "articles.delete_article",
        "articles.delete_image",
        "articles.delete_relatedarticle",
        "articles.delete_gallerypicture",
        "articles.delete_section",
        "articles.delete_sharelink",
        "articles.delete_tag",
        "articles.publish_article",
        "articles.view_article",
        "articles.view_correction",
        "articles.view_image",
        "articles.view_relatedarticle",
        "articles.view_gallerypicture",
        "articles.view_section",
        "articles.view_sharelink",
        "articles.view_tag",
        # The old-link table, which the README says editors keep (issue 19).
        "wordpress.add_oldlink",
        "wordpress.change_oldlink",
        "wordpress.delete_oldlink",
        "wordpress.view_oldlink",
        # Editors work the comment moderation queue too (issue 12).
        "comments.change_comment",
        "comments.view_comment",
        # A reader's data erased on request, and the log (Nghị định 13/2023, issue 24).
        "comments.erase_personal_data",
        "comments.view_erasure",
        # The people behind the stories (issue 25): picked on the story form, a collaborator
        # added on the spot; their contact and bank details are not in these rights.
        "articles.add_contributor",
        "articles.add_person",
        "articles.change_contributor",
        "articles.delete_contributor",
        "articles.view_contributor",
        "articles.view_person",
        "articles.change_person",
        # Video and sound (issue 26): editors also remove them.
        "multimedia.add_mediafile",
        "multimedia.change_mediafile",
        "multimedia.delete_mediafile",
        "multimedia.view_mediafile",
    },
    MODERATOR: {
        "axes.view_accessattempt",
        "axes.view_accessfailurelog",
        "axes.view_accesslog",
        "comments.add_blockedword",
        "comments.change_blockedword",
        "comments.change_comment",
        "comments.delete_blockedword",
        "comments.view_blockedword",
        "comments.view_comment",
        "comments.erase_personal_data",
        "comments.view_erasure",
    },
}


def test_migrations_create_the_three_groups_with_their_permissions():
    groups = {group.name: codes(group) for group in Group.objects.all()}
    assert set(groups) >= {JOURNALIST, EDITOR, MODERATOR}
    for name, wanted in POLICY.items():
        assert groups[name] == wanted


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

    for name, wanted in POLICY.items():
        assert codes(Group.objects.get(name=name)) == wanted


def test_moderator_cannot_open_the_story_list(client):
    client.force_login(moderator())
    assert client.get("/admin/articles/article/").status_code == 403
    assert "/admin/articles/article/" not in client.get("/admin/").content.decode()
