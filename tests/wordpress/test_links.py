"""Old links: every imported story page works, every old address answers 301 to a 200."""

import pytest
from django.contrib.admin.sites import site as admin_site

from articles.models import Article
from tests.factories import make_user
from wordpress.models import OldLink

pytestmark = pytest.mark.django_db


def test_every_story_page_and_every_old_link_works(client, imported):
    for article in Article.objects.all():
        response = client.get(article.get_absolute_url())
        assert response.status_code == (200 if article.is_public else 404), article.title
    public = 0
    for link in OldLink.objects.select_related("article"):
        response = client.get(link.path)
        if link.article and not link.article.is_public:
            # The home page's own address, or nothing.
            assert response.status_code in (301, 404) and response.get("Location", "/") == "/"
            continue
        assert response.status_code == 301, link.path
        assert client.get(response["Location"]).status_code == 200, link.path
        public += 1
    assert public >= 20


def test_old_permalink_forms_of_a_story(client, imported):
    article = Article.objects.get(title__startswith="Mùa lúa chín")
    for old in (
        "/2015/03/mua-lua-chin-o-tam-%c4%91uong/",
        "/2015/03/mua-lua-chin-o-tam-%C4%91uong",
        "/?p=100",
    ):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == article.get_absolute_url()


def test_old_category_and_tag_archives_redirect(client, imported):
    response = client.get("/category/thoi-su/dia-phuong/tam-%c4%91uong/")
    assert response.status_code == 301 and response["Location"] == "/chuyen-muc/tam-duong/"
    assert client.get("/tag/nong-nghiep/")["Location"] == "/the/nong-nghiep/"
    assert client.get("/?cat=5")["Location"] == "/chuyen-muc/kinh-te/"


def test_a_renamed_story_is_still_reached_from_its_old_link(client, imported):
    article = Article.objects.get(title__startswith="Mùa lúa chín")
    article.slug = "mua-vang-tam-duong"
    article.save()
    response = client.get("/?p=100")
    assert response["Location"] == f"/bai-viet/mua-vang-tam-duong-{article.pk}/"
    assert client.get(response["Location"]).status_code == 200


def test_an_unpublished_story_old_link_is_not_revealed(client, imported):
    response = client.get("/2015/03/ghi-chep/")
    assert response.status_code == 404
    assert client.get("/?p=104").status_code == 404  # not the home page either


def test_unknown_addresses_stay_404_and_our_pages_win(client, imported):
    assert client.get("/2015/03/khong-co-bai-nay/").status_code == 404
    assert client.get("/?p=999999")["Location"] == "/"
    assert client.get("/").status_code == 200


def test_editors_can_see_and_edit_the_redirect_table(client, imported):
    admin = make_user("bientap", is_superuser=True)
    client.force_login(admin)
    assert OldLink in admin_site._registry
    listing = client.get("/admin/wordpress/oldlink/?q=2015")
    assert listing.status_code == 200 and "/2015/03/dang-bo" in listing.content.decode()
    link = OldLink.objects.get(path="/2015/03/dang-bo")
    response = client.post(
        f"/admin/wordpress/oldlink/{link.pk}/change/",
        {"path": "/2015/03/dang-bo", "article": link.article_id, "url": "/the/lai-chau/"},
    )
    assert response.status_code == 200  # both a story and an address: refused
    assert "Chọn đúng một đích" in response.content.decode()
    response = client.post(
        f"/admin/wordpress/oldlink/{link.pk}/change/",
        {"path": "/2015/03/dang-bo", "url": "/the/lai-chau/"},
    )
    assert response.status_code == 302
    for path in ("/lien-he/", "http://baocu.example.vn/gioi-thieu/"):
        response = client.post(
            "/admin/wordpress/oldlink/add/", {"path": path, "url": "/the/lai-chau/"}
        )
        assert response.status_code == 302
    response = client.post("/admin/wordpress/oldlink/add/", {"path": "/", "url": "/the/lai-chau/"})
    assert "không được là trang chủ" in response.content.decode()
    client.logout()
    assert client.get("/lien-he/")["Location"] == "/the/lai-chau/"
    assert client.get("/gioi-thieu")["Location"] == "/the/lai-chau/"
    assert client.get("/2015/03/dang-bo/")["Location"] == "/the/lai-chau/"


def test_an_old_link_added_later_wins_over_a_cached_home_page(client, imported, settings):
    settings.PAGE_CACHE_SECONDS = 300
    assert client.get("/?p=4242")["Location"] == "/"  # the home page's one address
    OldLink.objects.create(path="/?p=4242", url="/the/lai-chau/")
    assert client.get("/?p=4242")["Location"] == "/the/lai-chau/"


def test_an_address_with_a_nul_is_a_404_not_a_lookup(client, imported):
    from wordpress.links import link_key

    # PostgreSQL refuses a NUL in a query: such an address is never looked up.
    assert link_key("/2015/03/\x00", {}) is None
    assert link_key("/", {"p": "1\x00"}) is None
    assert client.get("/2015/03/%00/").status_code == 404
    assert client.get("/?p=%00")["Location"] == "/"
