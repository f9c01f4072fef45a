"""Without Redis, the purges are in the database: what each process's front hears, and when.

Listeners stand for the fronts of other processes (their own memory, their own last look);
the live processes are in test_workers.py. On PostgreSQL CI with Redis these do not apply.
"""

import pytest
from django.db import connection, transaction

from pagecache import bus, ledger, versions
from pagecache.models import Generation

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _without_redis():
    if not ledger.in_use():
        pytest.skip("the purges go through Redis here")


def listener() -> tuple[bus.Listener, list]:
    # The table's first purge starts its lifetime: a front that saw none drops everything then.
    versions.bump("site")
    heard: list = []
    ear = bus.Listener(heard.append)
    bus._HERE.discard(ear)  # another process's: told only by what it reads
    assert ear.drain()
    heard.clear()  # the first look: nothing was kept before it
    return ear, heard


def test_another_process_hears_exactly_the_areas_purged_since_it_last_looked():
    ear, heard = listener()
    versions.bump("site")
    versions.bump("article:7", "comments:7")
    assert ear.drain()
    assert heard == [{"site", "article:7", "comments:7"}]
    assert ear.drain()  # nothing new: nothing dropped
    assert heard == [{"site", "article:7", "comments:7"}]


def test_a_purge_is_heard_once_its_transaction_commits_and_never_if_rolled_back():
    ear, heard = listener()
    before = versions.read(["site"])[0].token
    with pytest.raises(RuntimeError), transaction.atomic():
        versions.bump("site")
        raise RuntimeError("the change failed")
    ear.drain()
    assert heard == [] and versions.read(["site"])[0].token == before
    with transaction.atomic():
        versions.bump("site")
    ear.drain()
    assert heard == [{"site"}] and versions.read(["site"])[0].token != before


def test_a_table_emptied_drops_every_page_and_makes_none_current_again():
    ear, heard = listener()
    versions.bump("site")
    before = versions.read(["site"])[0].token
    ear.drain()
    Generation.objects.all().delete()  # `flush`, or a database made afresh
    assert ear.drain()
    assert heard[-1] == {bus.EVERYTHING}
    assert versions.read(["site"])[0].token != before


def test_a_schedule_changed_elsewhere_drops_every_page():
    """Pages kept in memory were timed by the old schedule (when they leave memory)."""
    ear, heard = listener()
    versions.schedule_changed()
    ear.drain()
    assert heard == [{bus.EVERYTHING}]


def test_while_the_purges_cannot_be_read_nothing_is_kept_in_memory():
    ear, heard = listener()
    with connection.schema_editor() as editor:  # the table gone, as before `migrate`
        editor.delete_model(Generation)
    try:
        assert not ear.drain()
        assert heard[-1] == {bus.EVERYTHING}
    finally:
        with connection.schema_editor() as editor:
            editor.create_model(Generation)
    assert ear.drain()
