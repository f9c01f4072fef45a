"""The archive records of imported stories: on a worker when there is a broker, as renditions.

An import sends thousands of stories live at once; rendering each one's page for the archive
(archive.receivers.record) is then the largest part of its time. The import collects what the
archive would have recorded and hands it over here, a batch at a time, once committed.
"""

from celery import shared_task

from archive.receivers import record
from articles.models import Article


@shared_task(name="wordpress.tasks.archive_imported", acks_late=True)
def archive_imported(changes: list[list]) -> int:
    """Record each (story id, event) whose story is public now; how many were recorded."""
    made = 0
    for pk, event in changes:
        story = Article.objects.select_related("section").filter(pk=pk).first()
        if story is not None and story.is_public and record(story, event) is not None:
            made += 1
    return made
