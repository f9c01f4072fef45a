"""The desk's people: picking them on the story form, adding one on the spot, their details."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.management.commands.createstaff import PASSWORD_VARIABLE
from articles.models import Article, Person
from newsroom.roles import ACCOUNTANT, EDITOR_IN_CHIEF
from tests.articles.desk_forms import change_url, form_data
from tests.articles.people.helpers import credit, make_person, staff
from tests.desk_users import moderator
from tests.factories import make_article

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = "/admin/autocomplete/"
ADD_PERSON = "/admin/articles/person/add/"


def rows(*people, prefix="contributors"):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(people)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for number, (person, role, pen_name) in enumerate(people):
        data.update(
            {
                f"{prefix}-{number}-person": str(person.pk),
                f"{prefix}-{number}-role": role,
                f"{prefix}-{number}-pen_name": pen_name,
                f"{prefix}-{number}-position": str(number),
            }
        )
    return data


def test_the_person_box_finds_people_ignoring_case_and_diacritics(reporter_client):
    make_person("Trần Hùng", name="Trần Văn Hùng")
    make_person("Minh Anh")
    found = reporter_client.get(
        AUTOCOMPLETE,
        {
            "term": "tran hung",
            "app_label": "articles",
            "model_name": "contributor",
            "field_name": "person",
        },
    )
    assert found.status_code == 200
    names = [result["text"] for result in found.json()["results"]]
    assert names == ["Trần Hùng (Trần Văn Hùng)"]


def test_the_story_form_saves_its_contributors_and_prints_their_byline(editor_client):
    story = make_article(byline="Gõ tay")
    hung, lan = make_person("Trần Hùng"), make_person("Lan")
    data = {
        **form_data(story),
        **rows((hung, "viet", ""), (lan, "anh", ""), (lan, "viet", "L. Lan")),
    }
    response = editor_client.post(change_url(story), data)
    assert response.status_code == 302, response.context["errors"]
    story.refresh_from_db()
    assert story.byline == "Trần Hùng, L. Lan"
    assert story.contributors.count() == 3
    form = editor_client.get(change_url(story)).text
    assert "Người làm bài" in form


def test_a_form_sent_without_contributor_rows_keeps_them(editor_client):
    story = make_article(byline="x")
    credit(story, make_person("Minh Anh"))
    story.refresh_from_db()
    response = editor_client.post(change_url(story), form_data(story))
    assert response.status_code == 302
    assert story.contributors.count() == 1
    assert Article.objects.get(pk=story.pk).byline == "Minh Anh"


def test_a_journalist_adds_a_collaborator_on_the_spot_without_bank_details(reporter_client):
    page = reporter_client.get(ADD_PERSON + "?_popup=1&_to_field=id")
    assert page.status_code == 200
    assert "bank_account" not in page.text
    response = reporter_client.post(
        ADD_PERSON + "?_popup=1&_to_field=id",
        {
            "name": "Lò Văn Páo",
            "pen_name": "Páo Lò",
            "kind": "ctv",
            "listed": "on",
            "active": "on",
            "_popup": "1",
            "_to_field": "id",
            # Crafted: fields the journalist is not shown.
            "bank_account": "0123456789",
            "phone": "0912345678",
        },
    )
    assert response.status_code == 200  # the popup's closing page
    person = Person.objects.get(pen_name="Páo Lò")
    assert (person.kind, person.bank_account, person.phone) == ("ctv", "", "")
    assert person.slug == "pao-lo"


@pytest.mark.parametrize("who", ["journalist", "editor", "moderator"])
def test_bank_details_are_shown_to_no_one_but_those_who_pay(client, reporter, desk, who):
    person = make_person("Páo Lò", bank_account="0123456789", phone="0912345678")
    user = {"journalist": reporter, "editor": desk, "moderator": moderator()}[who]
    client.force_login(user)
    url = f"/admin/articles/person/{person.pk}/change/"
    page = client.get(url)
    assert "0123456789" not in page.text and "0912345678" not in page.text
    if who == "editor":
        response = client.post(
            url,
            {"name": "Lò Văn Páo", "pen_name": "Páo Lò", "kind": "ctv", "bank_account": "999"},
        )
        assert response.status_code == 302
        person.refresh_from_db()
        assert person.bank_account == "0123456789"
    listing = client.get("/admin/articles/person/", {"q": "0123456789"})
    if listing.status_code == 200:  # moderators have no list of people at all
        assert listing.context["cl"].result_count == 0


@pytest.mark.parametrize("role", [EDITOR_IN_CHIEF, ACCOUNTANT])
def test_the_editor_in_chief_and_accounts_see_and_keep_bank_details(client, role):
    person = make_person("Páo Lò", bank_account="0123456789")
    client.force_login(staff(role, "nguoitra"))
    url = f"/admin/articles/person/{person.pk}/change/"
    assert "0123456789" in client.get(url).text
    response = client.post(
        url,
        {"name": "Lò Văn Páo", "pen_name": "Páo Lò", "kind": "ctv", "bank_account": "555"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.bank_account == "555"


def test_createstaff_makes_an_accounts_member(monkeypatch):
    monkeypatch.setenv(PASSWORD_VARIABLE, "mat-khau-dai-va-kho-doan-42")
    call_command("createstaff", "ketoan", "--role", "ke-toan", "--password-from-env")
    user = get_user_model().objects.get(username="ketoan")
    assert [g.name for g in user.groups.all()] == [ACCOUNTANT]
    assert user.has_perm("articles.see_payment")


def test_the_person_box_offers_only_active_people(reporter_client):
    make_person("Minh Anh")
    make_person("Minh Anh Cũ", active=False)
    found = reporter_client.get(
        AUTOCOMPLETE,
        {
            "term": "minh",
            "app_label": "articles",
            "model_name": "contributor",
            "field_name": "person",
        },
    )
    assert [result["text"] for result in found.json()["results"]] == ["Minh Anh"]
