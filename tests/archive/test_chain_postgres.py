"""Two appends at once on PostgreSQL: the head row's lock keeps one chain, no fork."""

import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from archive import chain
from archive.models import ArchiveRecord, ChainHead

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_appends_make_one_chain(capsys):
    ChainHead.objects.get_or_create(pk=1)
    start = threading.Barrier(2)
    failures = []

    def append_some(name: str):
        try:
            start.wait()
            for n in range(10):
                chain.append(
                    story_id=1,
                    story_title=f"{name} {n}",
                    url="http://testserver/a/",
                    event="edited",
                    at=timezone.now(),
                    status=200,
                    html=f"<p>{name} {n}</p>",
                )
        except Exception as exc:  # pragma: no cover - reported below
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=append_some, args=(name,)) for name in ("A", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    records = list(ArchiveRecord.objects.order_by("seq"))
    assert [record.seq for record in records] == list(range(1, 21))
    assert len({record.previous_hash for record in records}) == 20  # nobody followed twice
    call_command("archive_verify")
    assert "20 bản ghi" in capsys.readouterr().out
