"""While an import runs, the archive's records of its stories go to a task, a batch at a time.

The stories' saves announce their public versions as usual (articles.pages.announce); instead
of the archive rendering each page inline, the import collects them and queues them once the
batch is committed (wordpress.tasks.archive_imported: on a worker with a broker, else at once
in this process, with the same records as before).
"""

from contextlib import contextmanager

from django.db import transaction

from archive import receivers
from articles import events
from newsroom.tasks import enqueue

from ..tasks import archive_imported


class Archiving:
    def __init__(self):
        self.pending: list[list] = []

    def collect(self, sender, article, event, by=None, **kwargs):
        self.pending.append([article.pk, event])

    def flush(self) -> None:
        if self.pending:
            enqueue(archive_imported, self.pending)
            self.pending = []

    def after_commit(self) -> None:
        """Queue what the batch's announcements collected, after they have all run."""
        transaction.on_commit(self.flush)


@contextmanager
def queued(archiving: Archiving):
    events.public_version.disconnect(receivers.public_version)
    events.public_version.connect(archiving.collect, weak=False)
    try:
        yield archiving
    finally:
        events.public_version.disconnect(archiving.collect)
        events.public_version.connect(receivers.public_version)
        archiving.flush()
