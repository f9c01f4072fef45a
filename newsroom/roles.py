"""The newsroom's roles: the desk's groups and exactly the permissions each one needs."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

JOURNALIST = "Phóng viên"
EDITOR = "Biên tập viên"
MODERATOR = "Kiểm duyệt viên"
# The approval chain's roles (articles/approvals/): each level of a section's chain is one.
SECTION_HEAD = "Trưởng ban"
MANAGING_EDITOR = "Thư ký tòa soạn"
EDITOR_IN_CHIEF = "Tổng biên tập"  # the editor-in-chief and the deputies
# The Ministry's inspector: reads the lưu chiểu archive (archive/) and the stories, changes nothing.
INSPECTOR = "Thanh tra"
ACCOUNTANT = "Kế toán"  # pays the nhuận bút: sees amounts and bank details, edits no story
# A chain's levels are named by these slugs (`manage.py approvalchain`, `createstaff --role`).
LEVEL_ROLES = {
    "truong-ban": SECTION_HEAD,
    "thu-ky-toa-soan": MANAGING_EDITOR,
    "tong-bien-tap": EDITOR_IN_CHIEF,
}


def _crud(model: str, *actions: str) -> list[str]:
    app, name = model.split(".")
    return [f"{app}.{action}_{name}" for action in actions or ("view", "add", "change", "delete")]


# django-axes' record of admin logins and lockouts: editors and moderators read it.
LOGIN_RECORD = [
    *_crud("axes.accessattempt", "view"),
    *_crud("axes.accesslog", "view"),
    *_crud("axes.accessfailurelog", "view"),
]

# A reader's request to erase their data (Nghị định 13/2023; comments/admin_personal.py), and
# the log of erasures: whoever works the comments has them.
READERS_DATA = ["comments.erase_personal_data", *_crud("comments.erasure", "view")]
# Who works on stories picks their people and may add a collaborator on the spot.
PEOPLE = [*_crud("articles.person", "view", "add"), *_crud("articles.contributor")]
# Those who approve at the last level give the grade (articles/people/grading.py).
GRADES = _crud("articles.grading")
# The front page's slots, boxes and breaking-news bar (articles/frontpage/).
FRONT = ["articles.compose_front", *_crud("articles.placement", "view")]
# The newsletter's subscribers (newsletter/): personal data, seen and erased like commenters'.
SUBSCRIBERS = _crud("newsletter.subscriber", "view", "delete")

# The desk's video and sound files (multimedia/): who works on stories uploads them; editors
# also remove them.
MEDIA_UPLOAD = _crud("multimedia.mediafile", "view", "add", "change")
MEDIA_ALL = _crud("multimedia.mediafile")

# A journalist's change and delete rights are narrowed to their own drafts by ArticleAdmin.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    JOURNALIST: [
        *_crud("articles.article"),
        *_crud("articles.relatedarticle"),
        *_crud("articles.gallerypicture"),
        *_crud("articles.image", "view", "add", "change"),
        *MEDIA_UPLOAD,
        *_crud("articles.section", "view"),
        *_crud("articles.tag", "view"),
        *PEOPLE,
    ],
    EDITOR: [
        *_crud("articles.article"),
        "articles.publish_article",
        *FRONT,
        *_crud("articles.relatedarticle"),
        *_crud("articles.gallerypicture"),
        *_crud("articles.image"),
        *MEDIA_ALL,
        *_crud("articles.section"),
        *_crud("articles.tag"),
        *_crud("articles.sharelink"),
        *_crud("articles.correction", "view", "add"),
        *PEOPLE,
        *_crud("articles.person", "change"),
        # The old-link table (301s from the WordPress site's addresses).
        *_crud("wordpress.oldlink"),
        # Editors also work the comment moderation queue.
        *_crud("comments.comment", "view", "change"),
        *READERS_DATA,
        *SUBSCRIBERS,
        *LOGIN_RECORD,
    ],
    # A section head reads and edits the stories of their sections waiting at their level
    # (ArticleAdmin narrows the rights to those); they publish nothing themselves.
    SECTION_HEAD: [
        "articles.approve_at_level",
        # A chain whose last level is theirs (a sports brief): they grade what they approve.
        *GRADES,
        *_crud("articles.article", "view", "change"),
        *_crud("articles.relatedarticle"),
        *_crud("articles.gallerypicture"),
        *_crud("articles.image", "view", "add", "change"),
        *MEDIA_UPLOAD,
        *_crud("articles.section", "view"),
        *_crud("articles.tag", "view", "add"),
        *PEOPLE,
    ],
    # The managing editor works as an editor does, for every section.
    MANAGING_EDITOR: [
        *_crud("articles.article"),
        "articles.publish_article",
        "articles.approve_at_level",
        *FRONT,
        *_crud("articles.correction", "view", "add"),
        *_crud("articles.relatedarticle"),
        *_crud("articles.gallerypicture"),
        *_crud("articles.image"),
        *MEDIA_ALL,
        *_crud("articles.section"),
        *_crud("articles.tag"),
        *_crud("articles.sharelink"),
        *PEOPLE,
        *_crud("articles.person", "change"),
        *GRADES,
        *_crud("comments.comment", "view", "change"),
        *READERS_DATA,
        *SUBSCRIBERS,
        *LOGIN_RECORD,
    ],
    # The editor-in-chief and the deputies: an editor's rights, and they set the chains and
    # the duty rota, may publish breaking news past the levels (with a reason) and take a
    # story down on request.
    EDITOR_IN_CHIEF: [
        *_crud("articles.article"),
        "articles.publish_article",
        "articles.publish_breaking",
        *FRONT,
        "newsletter.send_breaking_mail",
        *_crud("newsletter.breakingmail", "view"),
        "articles.approve_at_level",
        "articles.approve_correction",
        *_crud("articles.correction", "view", "add"),
        # Only they take a story down on request (articles.workflow.take_down).
        "articles.take_down_article",
        *_crud("articles.relatedarticle"),
        *_crud("articles.gallerypicture"),
        *_crud("articles.image"),
        *MEDIA_ALL,
        *_crud("articles.section"),
        *_crud("articles.approvallevel"),
        *_crud("articles.dutyshift"),
        *_crud("articles.approvalstep", "view"),
        *_crud("articles.tag"),
        *_crud("articles.sharelink"),
        *_crud("wordpress.oldlink"),
        *_crud("comments.comment", "view", "change"),
        *READERS_DATA,
        *SUBSCRIBERS,
        *LOGIN_RECORD,
        # They keep the people, the rate table and give grades; they see what is paid.
        *_crud("articles.person"),
        *_crud("articles.contributor"),
        *_crud("articles.royaltyrate"),
        *GRADES,
        "articles.see_payment",
        # The partners told of each story by webhook (webhooks/), and their delivery log.
        *_crud("webhooks.partner"),
        *_crud("webhooks.delivery", "view"),
    ],
    # Kế toán pays the nhuận bút: the people with their bank details, the rates, the sheet.
    ACCOUNTANT: [
        *_crud("articles.person", "view", "change"),
        *_crud("articles.royaltyrate", "view"),
        "articles.see_payment",
    ],
    INSPECTOR: [
        *_crud("archive.archiverecord", "view"),
        *_crud("archive.archivedpicture", "view"),
        *_crud("articles.article", "view"),
    ],
    # Moderators keep the list of words that send a comment straight to spam.
    MODERATOR: [
        *_crud("comments.comment", "view", "change"),
        *READERS_DATA,
        *_crud("comments.blockedword"),
        *LOGIN_RECORD,
    ],
}


def sync_roles(apps=global_apps, using: str = DEFAULT_DB_ALIAS) -> None:
    """Create the groups and give each exactly its permissions (removing any others).

    Permissions are normally created after migrations run, so they are created here first.
    A permission whose app has not been migrated yet is left out; the next sync adds it.
    """
    for app_config in apps.get_app_configs():
        # Historical app registries have no models module; create_permissions skips those.
        had_module = getattr(app_config, "models_module", None)
        app_config.models_module = had_module or True
        try:
            create_permissions(app_config, verbosity=0, using=using, apps=apps)
        finally:
            app_config.models_module = had_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        wanted = [tuple(code.split(".")) for code in codes]
        permissions = [
            permission
            for permission in Permission.objects.using(using).select_related("content_type")
            if (permission.content_type.app_label, permission.codename) in wanted
        ]
        group.permissions.set(permissions)


def sync_roles_after_migrate(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs) -> None:
    sync_roles(apps=apps, using=using)
