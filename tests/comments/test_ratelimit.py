"""The per-IP rate limit on comment posts, counted in the cache."""

from datetime import timedelta

import pytest
import time_machine
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.utils import timezone

from comments.models import Comment
from comments.ratelimit import client_ip, network, parse_rate
from tests.comments.helpers import POST_URL, comment_data
from tests.factories import make_article


@pytest.mark.parametrize(
    ("rate", "parsed"),
    [("5/m", (5, 60)), ("10/h", (10, 3600)), ("3/10s", (3, 10)), ("0", None), ("", None)],
)
def test_rate_setting_is_parsed(rate, parsed):
    assert parse_rate(rate) == parsed


@pytest.mark.parametrize("rate", ["năm mỗi phút", "5/y", "5"])
def test_bad_rate_setting_is_a_loud_configuration_error(rate):
    with pytest.raises(ImproperlyConfigured):
        parse_rate(rate)


@pytest.mark.django_db
def test_sixth_post_in_a_minute_is_refused_then_allowed_a_minute_later(client, settings):
    settings.COMMENT_RATE_LIMIT = "5/m"
    article = make_article()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for n in range(5):
            response = client.post(POST_URL, comment_data(article, body=f"Số {n}"))
            assert response.status_code == 302
        response = client.post(POST_URL, comment_data(article, body="Số sáu"))
        assert response.status_code == 429
        html = response.content.decode()
        assert "Bạn đã gửi quá nhiều bình luận" in html
        assert "Số sáu</textarea>" in html
        assert Comment.objects.count() == 5

        # Another reader, another address: not limited.
        other = client.post(POST_URL, comment_data(article), REMOTE_ADDR="203.113.5.6")
        assert other.status_code == 302

        clock.shift(timedelta(seconds=61))
        assert client.post(POST_URL, comment_data(article, body="Số sáu")).status_code == 302
    assert Comment.objects.count() == 7


@pytest.mark.django_db
def test_zero_turns_the_limit_off(client, settings):
    settings.COMMENT_RATE_LIMIT = "0"
    article = make_article()
    for n in range(8):
        assert client.post(POST_URL, comment_data(article, body=f"Số {n}")).status_code == 302


@pytest.mark.django_db
def test_invalid_posts_do_not_use_up_the_limit(client, settings):
    settings.COMMENT_RATE_LIMIT = "2/m"
    article = make_article()
    for _ in range(5):
        assert client.post(POST_URL, comment_data(article, body="")).status_code == 400
    assert client.post(POST_URL, comment_data(article)).status_code == 302


def test_client_ip_trusts_forwarded_for_only_behind_known_proxies(settings):
    request = RequestFactory().post(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.113.9.9"
    )
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.113.9.9"
    garbage = RequestFactory().post("/", REMOTE_ADDR="không phải IP")
    assert client_ip(garbage) is None


def test_mistyped_rate_fails_the_system_check(settings):
    settings.COMMENT_RATE_LIMIT = "5 a minute"
    assert "comments.E001" in [e.id for e in run_checks()]
    settings.COMMENT_RATE_LIMIT = "5/m"
    assert "comments.E001" not in [e.id for e in run_checks()]


def test_a_mistyped_report_rate_fails_the_system_check_too(settings):
    settings.COMMENT_REPORT_RATE_LIMIT = "10 an hour"
    errors = [e for e in run_checks() if e.id == "comments.E001"]
    assert [e.msg.split(":")[0] for e in errors] == ["COMMENT_REPORT_RATE_LIMIT"]


@pytest.mark.parametrize(
    ("ip", "expected"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:5:7:abcd::1", "2001:db8:5:7::/64"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        (None, ""),
    ],
)
def test_likes_and_reports_count_an_ipv6_line_as_one_network(ip, expected):
    assert network(ip) == expected
