"""The masthead the law asks for (Luật Báo chí 2016, Điều 46) in every reader page's footer,
and `check --deploy` warning while any of its settings is empty."""

import pytest
from django.urls import reverse

from tests.factories import make_article
from tests.newsroom.test_settings import manage

pytestmark = pytest.mark.django_db

MASTHEAD = {
    "SITE_LICENCE": "Giấy phép số 12/GP-BTTTT ngày 03/04/2021 của Bộ Thông tin và Truyền thông",
    "SITE_GOVERNING_BODY": "Tỉnh ủy Lai Châu",
    "SITE_ADDRESS": "Số 1 đường Trần Phú, phường Tân Phong, tỉnh Lai Châu",
    "SITE_EDITOR_IN_CHIEF": "Trần Thị Bích",
}


@pytest.fixture
def masthead(settings):
    for name, value in MASTHEAD.items():
        setattr(settings, name, value)


def _footer(html: str) -> str:
    return html[html.index('<footer class="site-footer">') :]


def test_masthead_is_in_the_footer_of_every_reader_page(client, masthead):
    article = make_article("Lúa chín trên ruộng bậc thang", tags=["mùa vàng"])
    pages = [
        reverse("articles:home"),
        article.get_absolute_url(),
        article.section.get_absolute_url(),
        reverse("articles:tag", args=["mua-vang"]),
        reverse("articles:search") + "?q=lúa",
        "/khong-co-trang-nay/",  # the 404 page is a reader page too
    ]
    for url in pages:
        footer = _footer(client.get(url).text)
        assert "Cơ quan chủ quản:</dt> <dd>Tỉnh ủy Lai Châu" in footer, url
        assert "Giấy phép:</dt> <dd>Giấy phép số 12/GP-BTTTT ngày 03/04/2021" in footer, url
        assert "Tổng biên tập:</dt> <dd>Trần Thị Bích" in footer, url
        assert "Địa chỉ:</dt> <dd>Số 1 đường Trần Phú" in footer, url


def test_an_empty_setting_leaves_no_empty_line(client, masthead, settings):
    settings.SITE_ADDRESS = ""
    footer = _footer(client.get(reverse("articles:home")).text)
    assert "Địa chỉ:" not in footer
    assert "Tỉnh ủy Lai Châu" in footer


PRODUCTION = {
    "SECRET_KEY": "k" * 20 + "-production-like-secret-of-decent-length-0123456789",
    "ALLOWED_HOSTS": "baolaichau.example",
}


def test_check_deploy_warns_naming_each_empty_masthead_setting():
    partly = MASTHEAD | {"SITE_ADDRESS": "", "SITE_EDITOR_IN_CHIEF": ""}
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, **partly)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "newsroom.W001" in output
    assert "SITE_ADDRESS is empty" in output
    assert "SITE_EDITOR_IN_CHIEF is empty" in output
    assert "SITE_LICENCE is empty" not in output
    assert "SITE_GOVERNING_BODY is empty" not in output


def test_check_deploy_is_clean_with_the_masthead_set():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, **MASTHEAD)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "newsroom.W001" not in result.stdout + result.stderr
