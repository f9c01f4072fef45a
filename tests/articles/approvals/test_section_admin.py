"""The section form and list: the chain, its heads and limit are the editor-in-chief's."""

import pytest
from django.contrib.auth.models import Permission

from articles.models import ApprovalLevel
from tests.articles.approvals.people import chief, logged_in, section_head
from tests.desk_users import editor
from tests.factories import make_section

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/articles/section/"


def change_url(section) -> str:
    return f"{LIST_URL}{section.pk}/change/"


def form_data(section, levels=(), **overrides) -> dict:
    """The section form as a browser sends it: `levels` are (id or None, position, role)."""
    data = {
        "name": section.name,
        "parent": str(section.parent_id or ""),
        "slug": section.slug,
        "description": section.description,
        "position": str(section.position),
        "in_nav": "on",
        "heads": [str(pk) for pk in section.heads.values_list("pk", flat=True)],
        "approval_limit_minutes": str(section.approval_limit_minutes or ""),
        "approval_levels-TOTAL_FORMS": str(len(levels)),
        "approval_levels-INITIAL_FORMS": str(sum(1 for pk, *_ in levels if pk)),
        "approval_levels-MIN_NUM_FORMS": "0",
        "approval_levels-MAX_NUM_FORMS": "1000",
    }
    for i, (pk, position, role) in enumerate(levels):
        data[f"approval_levels-{i}-id"] = str(pk or "")
        data[f"approval_levels-{i}-section"] = str(section.pk)
        data[f"approval_levels-{i}-position"] = str(position)
        data[f"approval_levels-{i}-role"] = role
    data.update(overrides)
    return data


def chain(section) -> list[tuple[int, str]]:
    return list(section.approval_levels.order_by("position").values_list("position", "role"))


@pytest.fixture
def sports():
    return make_section("Thể thao", slug="the-thao")


def test_editor_in_chief_sees_and_sets_the_chain_heads_and_limit(sports):
    head = section_head()
    client = logged_in(chief())
    html = client.get(change_url(sports)).content.decode()
    assert 'name="approval_levels-TOTAL_FORMS"' in html
    assert 'name="heads"' in html and 'name="approval_limit_minutes"' in html
    levels = [(None, 1, "truong-ban"), (None, 3, "tong-bien-tap")]
    data = form_data(sports, levels, heads=[str(head.pk)], approval_limit_minutes="45")
    response = client.post(change_url(sports), data)
    assert response.status_code == 302, response.content.decode()
    sports.refresh_from_db()
    assert chain(sports) == [(1, "truong-ban"), (3, "tong-bien-tap")]
    assert list(sports.heads.all()) == [head]
    assert sports.approval_limit_minutes == 45


def test_two_levels_swap_places(sports):
    first = ApprovalLevel.objects.create(section=sports, position=1, role="truong-ban")
    second = ApprovalLevel.objects.create(section=sports, position=2, role="tong-bien-tap")
    levels = [(first.pk, 2, "truong-ban"), (second.pk, 1, "tong-bien-tap")]
    response = logged_in(chief()).post(change_url(sports), form_data(sports, levels))
    assert response.status_code == 302, response.content.decode()
    assert chain(sports) == [(1, "tong-bien-tap"), (2, "truong-ban")]


def test_a_removed_level_frees_its_place_for_a_new_one(sports):
    old = ApprovalLevel.objects.create(section=sports, position=1, role="truong-ban")
    data = form_data(sports, [(old.pk, 1, "truong-ban"), (None, 1, "thu-ky-toa-soan")])
    data["approval_levels-0-DELETE"] = "on"
    response = logged_in(chief()).post(change_url(sports), data)
    assert response.status_code == 302, response.content.decode()
    assert chain(sports) == [(1, "thu-ky-toa-soan")]


@pytest.mark.parametrize(
    ("levels", "message"),
    [
        (
            [(None, 1, "truong-ban"), (None, 2, "truong-ban")],
            "Vai trò “Trưởng ban” đã giữ cấp 1: mỗi vai trò chỉ giữ một cấp trong chuỗi.",
        ),
        (
            [(None, 2, "truong-ban"), (None, 2, "tong-bien-tap")],
            "Cấp 2 được ghi hai lần: mỗi cấp chỉ có một vai trò.",
        ),
    ],
)
def test_the_same_role_or_level_twice_is_refused_in_vietnamese(sports, levels, message):
    existing = ApprovalLevel.objects.create(section=sports, position=5, role="thu-ky-toa-soan")
    data = form_data(sports, [(existing.pk, 5, "thu-ky-toa-soan"), *levels])
    response = logged_in(chief()).post(change_url(sports), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert chain(sports) == [(5, "thu-ky-toa-soan")]


def test_heads_are_picked_among_active_section_heads_only(sports):
    head = section_head("truongban", first_name="Tuấn")
    section_head("daNghi", is_active=False)
    editor("bientap")
    html = logged_in(chief()).get(change_url(sports)).content.decode()
    assert f'<option value="{head.pk}">' in html
    assert "daNghi" not in html and ">bientap<" not in html


def test_an_editor_sees_the_heads_and_limit_read_only_and_not_the_chain(sports):
    sports.heads.add(section_head(first_name="Tuấn", last_name="Lê"))
    sports.approval_limit_minutes = 30
    sports.save()
    ApprovalLevel.objects.create(section=sports, position=1, role="truong-ban")
    html = logged_in(editor()).get(change_url(sports)).content.decode()
    assert "approval_levels-TOTAL_FORMS" not in html
    assert 'name="heads"' not in html and 'name="approval_limit_minutes"' not in html
    assert "truongban" in html and "30" in html


def test_the_right_to_view_the_chain_shows_it_read_only(sports):
    ApprovalLevel.objects.create(section=sports, position=1, role="thu-ky-toa-soan")
    reader = editor()
    reader.user_permissions.add(Permission.objects.get(codename="view_approvallevel"))
    client = logged_in(reader)
    html = client.get(change_url(sports)).content.decode()
    assert "Thư ký tòa soạn" in html
    assert 'name="approval_levels-0-role"' not in html
    data = form_data(sports, [(None, 2, "tong-bien-tap")])
    assert client.post(change_url(sports), data).status_code == 302
    assert chain(sports) == [(1, "thu-ky-toa-soan")]


def test_an_editors_crafted_post_changes_the_section_but_not_its_chain(sports):
    ApprovalLevel.objects.create(section=sports, position=1, role="truong-ban")
    head = section_head()
    data = form_data(
        sports,
        [(None, 2, "tong-bien-tap")],
        name="Thể thao 24h",
        heads=[str(head.pk)],
        approval_limit_minutes="5",
    )
    response = logged_in(editor()).post(change_url(sports), data)
    assert response.status_code == 302, response.content.decode()
    sports.refresh_from_db()
    assert sports.name == "Thể thao 24h"
    assert chain(sports) == [(1, "truong-ban")]
    assert not sports.heads.exists() and sports.approval_limit_minutes is None


def test_the_list_says_each_sections_chain(sports):
    for position, role in enumerate(["truong-ban", "thu-ky-toa-soan", "tong-bien-tap"], 1):
        ApprovalLevel.objects.create(section=sports, position=position, role=role)
    make_section("Bóng đá", parent=sports)
    make_section("Văn hóa")
    html = logged_in(editor()).get(LIST_URL).content.decode()
    assert "Chuỗi duyệt" in html
    assert "Trưởng ban → Thư ký tòa soạn → Tổng biên tập" in html
    assert "theo chuyên mục cha" in html and "—" in html


def test_the_folded_search_still_finds_a_section_without_its_diacritics(sports):
    make_section("Văn hóa")
    html = logged_in(editor()).get(LIST_URL, {"q": "van hoa"}).content.decode()
    assert "Văn hóa" in html and "Thể thao" not in html


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_costs_the_same_queries_whatever_the_number_of_sections(
    count, django_assert_max_num_queries
):
    client = logged_in(chief())
    for n in range(count):
        parent = make_section(f"Chuyên mục {n}")
        child = make_section(f"Chuyên mục con {n}", parent=parent)
        ApprovalLevel.objects.create(section=parent, position=1, role="truong-ban")
        ApprovalLevel.objects.create(section=child, position=1, role="tong-bien-tap")
    client.get(LIST_URL)  # the session and the user's permissions, once
    with django_assert_max_num_queries(10):
        response = client.get(LIST_URL)
    assert response.content.decode().count("Trưởng ban") >= count


def test_an_editor_still_adds_a_section_and_the_editor_in_chief_with_its_chain():
    data = {"name": "Pháp luật", "slug": "", "description": "", "position": "0", "in_nav": "on"}
    assert logged_in(editor()).post(f"{LIST_URL}add/", data).status_code == 302
    levels = {
        "approval_levels-TOTAL_FORMS": "1",
        "approval_levels-INITIAL_FORMS": "0",
        "approval_levels-0-position": "1",
        "approval_levels-0-role": "tong-bien-tap",
    }
    data = {**data, "name": "Kinh tế", **levels}
    assert logged_in(chief()).post(f"{LIST_URL}add/", data).status_code == 302
    assert ApprovalLevel.objects.get().section.name == "Kinh tế"
