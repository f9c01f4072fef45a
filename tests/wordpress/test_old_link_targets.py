"""An old link leads only to a page of this site, and editors keep the table themselves."""

import pytest
from django.core.exceptions import ValidationError

from tests.desk_users import editor, journalist
from tests.factories import make_article
from wordpress.models import OldLink

pytestmark = pytest.mark.django_db

OFF_SITE = [
    "//evil.example/x",
    "https://evil.example/",
    "http:/evil.example/",
    "\\\\evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
    " //evil.example/",
]


@pytest.mark.parametrize("url", OFF_SITE)
def test_a_target_off_this_site_is_refused_with_a_vietnamese_message(url):
    link = OldLink(path="/2015/03/tin-cu/", url=url)
    with pytest.raises(ValidationError) as refused:
        link.full_clean()
    assert refused.value.error_dict["url"][0].code == "off_site"
    assert "trang của báo" in refused.value.messages[0]


def test_a_path_of_this_site_is_accepted():
    OldLink(path="/2015/03/tin-cu/", url="/the/bau-cu/?trang=2").full_clean()


@pytest.mark.parametrize("url", OFF_SITE)
def test_a_row_written_round_the_form_never_redirects_off_site(client, url):
    OldLink.objects.create(path="/2015/03/tin-cu/", url=url)
    OldLink.objects.create(path="/?p=77", url=url)
    assert client.get("/2015/03/tin-cu/").status_code == 404
    # With no link it may follow, `/?p=77` is the home page's other form: a 301 to `/`.
    home = client.get("/?p=77")
    assert home.status_code in (200, 301) and home.get("Location", "/") == "/"


def test_the_admin_form_refuses_an_off_site_target(client):
    client.force_login(editor())
    response = client.post(
        "/admin/wordpress/oldlink/add/", {"path": "/2015/03/tin-cu/", "url": "//evil.example/x"}
    )
    assert response.status_code == 200
    assert "trang của báo" in response.content.decode()
    assert not OldLink.objects.exists()


def test_an_editor_adds_changes_and_deletes_old_links(client):
    client.force_login(editor())
    assert client.get("/admin/wordpress/oldlink/").status_code == 200
    response = client.post(
        "/admin/wordpress/oldlink/add/", {"path": "/2015/03/tin-cu/", "url": "/the/bau-cu/"}
    )
    assert response.status_code == 302
    link = OldLink.objects.get()
    story = make_article("Bầu cử đại biểu Quốc hội")
    response = client.post(
        f"/admin/wordpress/oldlink/{link.pk}/change/",
        {"path": "/2015/03/tin-cu/", "article": story.pk},
    )
    assert response.status_code == 302
    assert client.get("/2015/03/tin-cu/")["Location"] == story.get_absolute_url()
    response = client.post(f"/admin/wordpress/oldlink/{link.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not OldLink.objects.exists()


def test_a_journalist_does_not_edit_old_links(client):
    client.force_login(journalist())
    assert client.get("/admin/wordpress/oldlink/").status_code == 403
