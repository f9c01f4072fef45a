"""The API describes itself: OpenAPI at /api/v1/openapi.json, browsable at /api/v1/docs."""

import pytest
from playwright.sync_api import expect

from tests.factories import make_article


@pytest.mark.django_db
def test_openapi_names_every_endpoint(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert set(paths) == {
        "/api/v1/stories",
        "/api/v1/search",
        "/api/v1/stories/{story_id}",
        "/api/v1/stories/{story_id}/live",
        "/api/v1/sections",
        "/api/v1/tags",
        "/api/v1/people",
        "/api/v1/people/{slug}",
        "/api/v1/corrections",
    }
    kinds = paths["/api/v1/stories"]["get"]["parameters"]
    assert {p["name"] for p in kinds} == {"section", "tag", "kind", "author", "page", "page_size"}


@pytest.mark.django_db
def test_the_docs_page_uses_our_own_static_files(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_docs_page_shows_the_operations_under_our_csp(live_server, page):
    make_article("Bài để thử API")
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    response = page.goto(live_server.url + "/api/v1/docs")
    assert "script-src" in response.headers["content-security-policy"]
    operations = page.locator(".opblock-summary-path")
    expect(operations.first).to_be_visible()
    paths = operations.all_inner_texts()
    assert "/api/v1/stories/{story_id}" in [p.replace("\u200b", "") for p in paths]
    # An operation opens and runs against the API itself (connect-src 'self').
    page.locator("#operations-Bài_viết-api_views_story_list .opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    expect(page.locator(".live-responses-table tr.response .response-col_status")).to_have_text(
        "200"
    )
    assert not [p for p in problems if "Content Security Policy" in p], problems


@pytest.mark.django_db
def test_the_root_says_where_everything_is(client, settings):
    settings.SITE_URL = "https://baolaichau.example"
    data = client.get("/api/v1/").json()
    assert data["docs"] == "https://baolaichau.example/api/v1/docs"
    assert data["stories"] == "https://baolaichau.example/api/v1/stories"
    for name, url in data.items():
        path = url.removeprefix("https://baolaichau.example")
        expected = 400 if name == "search" else 200  # words needed
        assert client.get(path).status_code == expected, name
