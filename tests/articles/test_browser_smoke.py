import pytest

from tests.factories import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_opens_story_from_home_page(live_server, page):
    make_article("Đường Điện Biên Phủ sáng đèn")
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Đường Điện Biên Phủ sáng đèn").click()
    assert page.locator("h1").inner_text() == "Đường Điện Biên Phủ sáng đèn"
    assert "/bai-viet/duong-dien-bien-phu-sang-den-" in page.url
