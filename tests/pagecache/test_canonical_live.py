"""A crowd's tracking parameters on a real server: one copy of the page, workers' memory flat.

gunicorn as deployed (deploy/gunicorn.conf.py, two workers), on PostgreSQL and Redis: the
hostile probe's 80 variants of a large story had added about 170 MB to each worker.
"""

import re
from pathlib import Path

import pytest

from tests.factories import make_article
from tests.harness.client import Browser
from tests.harness.env import process_env
from tests.harness.ports import ports
from tests.harness.processes import answers, collectstatic, gunicorn, wait_until
from tests.pagecache.test_canonical import shared_copies

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

VARIANTS = 80


@pytest.fixture
def server(django_db_setup, tmp_path):
    """One gunicorn, static files collected; yields its URL and its master's process id."""
    env = process_env(STATIC_ROOT=str(tmp_path / "static"))
    collectstatic(env)
    (port,) = ports(1)
    url = f"http://127.0.0.1:{port}"
    with gunicorn(env, port, tmp_path / "gunicorn.log") as master:
        wait_until(lambda: answers(f"{url}/healthz"), what=f"gunicorn on {url}")
        yield url, master.pid


def workers_memory(master: int) -> int:
    """The resident bytes of the master's workers, together."""
    total = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{master}$", text, re.M):
            total += int(re.search(r"^VmRSS:\s+(\d+) kB$", text, re.M).group(1)) * 1024
    return total


def test_tracking_parameters_on_a_large_story_keep_one_copy(server):
    url, master = server
    paragraph = "<p>" + "Mưa lớn kéo dài khiến nhiều xã vùng cao bị chia cắt. " * 40 + "</p>"
    story = make_article("Mưa lũ ở vùng cao", body=paragraph * 400)  # about 1 MB of text
    page = story.get_absolute_url()
    reader = Browser()
    for _ in range(6):  # made once, then kept by both workers
        assert reader.get(f"{url}{page}").status == 200
    before = workers_memory(master)

    for n in range(VARIANTS):
        name = ("utm_source", "fbclid", "v")[n % 3]
        answer = reader.get(f"{url}{page}?{name}={n}")
        assert (answer.status, answer.url) == (301, page)
    padded = reader.get(f"{url}/bai-viet/{story.slug}-{story.pk:08}/")
    assert (padded.status, padded.url) == (301, page)

    assert reader.get(f"{url}{page}").headers["X-Page-Cache"] == "hit"
    assert shared_copies() == 1
    grown = workers_memory(master) - before
    assert grown < 20 * 1024 * 1024, f"the workers grew by {grown // 1024 // 1024} MB"
