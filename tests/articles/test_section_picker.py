"""The section picker's search matches without diacritics, as the public search does."""

import pytest

from tests.desk_users import journalist
from tests.factories import make_section

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = "/admin/autocomplete/"


def picked(client, term: str) -> list[str]:
    params = {
        "term": term,
        "app_label": "articles",
        "model_name": "article",
        "field_name": "section",
    }
    response = client.get(AUTOCOMPLETE, params)
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


@pytest.mark.parametrize("term", ["van hoa", "Văn hóa", "VAN HOA", "văn ho", "hoa"])
def test_section_search_ignores_diacritics(client, term):
    make_section("Văn hóa")
    make_section("Văn nghệ")
    make_section("Thể thao")
    client.force_login(journalist())
    assert picked(client, term) == ["Văn hóa"]


def test_every_section_for_an_empty_term(client):
    make_section("Văn hóa")
    make_section("Thể thao")
    client.force_login(journalist())
    assert len(picked(client, "")) == 2
