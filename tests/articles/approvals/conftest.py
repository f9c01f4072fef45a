"""A paper with chains: Thời sự (and its subsection Chính trị) goes up three levels, Thể thao
needs only its section head, Văn hóa has no chain. Its people, one or more roles each."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group

from articles.models import ApprovalLevel, Article
from newsroom.roles import (
    EDITOR,
    EDITOR_IN_CHIEF,
    JOURNALIST,
    MANAGING_EDITOR,
    SECTION_HEAD,
    sync_roles,
)
from tests.factories import make_article, make_section, make_user


def person(username: str, *roles: str, heads=(), **fields):
    if not Group.objects.filter(name=EDITOR_IN_CHIEF, permissions__isnull=False).exists():
        sync_roles()
    fields.setdefault("email", f"{username}@baolaichau.test")
    fields.setdefault("first_name", username.capitalize())
    user = make_user(username, groups=list(roles), **fields)
    for section in heads:
        section.heads.add(user)
    return user


def set_chain(section, *roles: str) -> None:
    ApprovalLevel.objects.filter(section=section).delete()
    for position, role in enumerate(roles, start=1):
        ApprovalLevel.objects.create(section=section, position=position, role=role)


@dataclass
class Paper:
    thoi_su: object
    chinh_tri: object
    the_thao: object
    van_hoa: object
    reporter: object
    head: object  # trưởng ban Thời sự
    head2: object  # trưởng ban Thời sự, the second
    sports_head: object
    managing: object
    chief: object
    deputy: object
    editor: object

    def story(self, section=None, **fields) -> Article:
        fields.setdefault("author", self.reporter)
        fields.setdefault("status", Article.Status.DRAFT)
        return make_article(section=section or self.thoi_su, **fields)


@pytest.fixture
def paper(db):
    thoi_su = make_section("Thời sự")
    chinh_tri = make_section("Chính trị", parent=thoi_su)
    the_thao = make_section("Thể thao")
    van_hoa = make_section("Văn hóa")
    set_chain(thoi_su, "truong-ban", "thu-ky-toa-soan", "tong-bien-tap")
    set_chain(the_thao, "truong-ban")
    return Paper(
        thoi_su=thoi_su,
        chinh_tri=chinh_tri,
        the_thao=the_thao,
        van_hoa=van_hoa,
        reporter=person("phongvien", JOURNALIST),
        head=person("truongban", SECTION_HEAD, heads=[thoi_su]),
        head2=person("phoban", SECTION_HEAD, heads=[thoi_su]),
        sports_head=person("truongbanthethao", SECTION_HEAD, heads=[the_thao]),
        managing=person("thuky", MANAGING_EDITOR),
        chief=person("tongbientap", EDITOR_IN_CHIEF),
        deputy=person("photongbientap", EDITOR_IN_CHIEF),
        editor=person("bientap", EDITOR),
    )
