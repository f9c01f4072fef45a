"""What happened to a story's public version, for apps standing on articles to act on.

`articles` never imports the apps above it (the archive, comments); it tells them through
these signals instead. Each is sent once the change is committed (`transaction.on_commit`),
so a receiver sees the story as readers now see it, and a rolled-back change sends nothing.
"""

from contextlib import contextmanager
from contextvars import ContextVar

import reversion
from django.dispatch import Signal

# A story's public version came into being or ended. Sent with:
#   article: the Article (as committed);
#   event: one of EVENTS below;
#   by: the user who made the change, or None (a scheduled story going live, a command).
public_version = Signal()

PUBLISHED = "published"  # made public now (or a scheduled story published at once)
WENT_LIVE = "went_live"  # a scheduled story's moment came
EDITED = "edited"  # what readers see of a public story changed
CORRECTED = "corrected"  # a correction was added to a public story
UNPUBLISHED = "unpublished"  # taken back to the desk (no longer public)
TAKEN_DOWN = "taken_down"  # taken down on request: its address answers 410

EVENTS = (PUBLISHED, WENT_LIVE, EDITED, CORRECTED, UNPUBLISHED, TAKEN_DOWN)

# Who is changing stories, for code that saves outside a revision (a command, a feature of its
# own): `with events.acting(user): ...`. The desk's saves need none: the admin and the workflow
# save inside a django-reversion revision that names its user, which `acting_user` reads.
_acting: ContextVar = ContextVar("acting_user", default=None)


@contextmanager
def acting(user):
    token = _acting.set(user)
    try:
        yield
    finally:
        _acting.reset(token)


def acting_user():
    """The user making the change being saved now: the revision's, else `acting`'s, else None."""
    if reversion.is_active():
        user = reversion.get_user()
        if user is not None:
            return user
    return _acting.get()
