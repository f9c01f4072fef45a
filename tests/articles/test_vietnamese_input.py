import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.utils import translation

from tests.factories import make_user

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("03/02/2015 14:56", datetime(2015, 2, 3, 14, 56, tzinfo=VIETNAM)),
        ("03/02/2015", datetime(2015, 2, 3, 0, 0, tzinfo=VIETNAM)),
        ("31/12/2024 23:59", datetime(2024, 12, 31, 23, 59, tzinfo=VIETNAM)),
    ],
)
def test_dates_typed_in_vietnamese_are_day_first(typed, expected):
    with translation.override("vi"):
        assert forms.DateTimeField().clean(typed) == expected


def test_admin_split_date_field_is_day_first():
    with translation.override("vi"):
        value = forms.SplitDateTimeField().clean(["03/02/2015", "14:56"])
        assert value == datetime(2015, 2, 3, 14, 56, tzinfo=VIETNAM)
        assert forms.DateInput().format_value(value.date()) == "03/02/2015"


def test_month_first_impossible_date_is_refused_with_a_message():
    with translation.override("vi"), pytest.raises(forms.ValidationError):
        forms.DateField().clean("12/31/2024")


@pytest.mark.django_db
def test_admin_article_form_does_not_prefill_the_slug_in_the_browser(admin_client):
    content = admin_client.get("/admin/articles/article/add/").content.decode()
    configs = re.findall(r'data-prepopulated-fields="([^"]*)"', content)
    assert configs, "the admin page changed shape: check the prepopulated configuration"
    assert set(configs) == {"[]"}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_typing_a_vietnamese_title_leaves_the_slug_to_the_server(live_server, page):
    make_user("bientap", is_superuser=True)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", "mat-khau-thu-nghiem")
    page.click("input[type=submit]")
    page.goto(live_server.url + "/admin/articles/article/add/")
    page.fill("#id_title", "Đường Điện Biên Phủ")
    page.press("#id_title", "Tab")
    assert page.input_value("#id_slug") == ""


@pytest.mark.django_db
def test_admin_article_form_explains_tags_in_vietnamese(admin_client):
    content = admin_client.get("/admin/articles/article/add/").content.decode()
    assert "Các thẻ cách nhau bằng dấu phẩy" in content
    assert "comma-separated" not in content
