"""bench/digest.py at toy size: the digest through the real SMTP sink (its own process),
sent by `manage.py send_digest` in another process on the test's PostgreSQL database (already
migrated, so the run takes seconds; the full bench sends 10,000)."""

import pytest
from django.conf import settings

from bench.digest import run
from newsletter.models import Subscriber
from tests.harness.env import database_url

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_the_bench_sends_each_subscriber_one_digest_and_reports_the_figures():
    prefix = settings.CACHES["default"].get("KEY_PREFIX", "newsroom")
    result = run(30, batch=7, migrated=database_url(), CACHE_KEY_PREFIX=prefix)
    assert (result["subscribers"], result["mails"], result["addresses"]) == (30, 30, 30)
    assert result["twice"] == 0
    assert result["seconds"] > 0 and result["mails_per_second"] > 0
    assert 20 < result["peak_rss_mib"] < 1000  # a Django process's size, in MiB
    assert Subscriber.objects.filter(last_sent_at__isnull=False).count() == 30
