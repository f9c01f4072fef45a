"""What the media pipeline tells the apps above it (which know the stories showing a file).

`media_changed` is sent (sender MediaFile, `media`) once what readers see of a file has
changed, after the change is committed: it became ready, it failed (readers see nothing of
it), or a ready file was edited at the desk (title, credit, captions). The articles app
purges the pages of the stories showing it (articles/pages.py).
"""

from django.db import transaction
from django.dispatch import Signal

media_changed = Signal()


def announce(media) -> None:
    """Send `media_changed` for `media` once the current transaction commits."""
    transaction.on_commit(lambda: media_changed.send(sender=type(media), media=media), robust=True)
