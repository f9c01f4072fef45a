"""The one vocabulary of story states: the stored status, and the six states the desk shows.

A story's `status` is what an editor last did to it. Readers and the desk care about one more
thing, time: a *published* story whose publish time has not come yet is *scheduled*, and
turns *public* (what readers see) by itself at that moment. Every list, filter, count and
check asks this module, in the database (`ArticleQuerySet`, `state_condition`) or in Python
(`state_of`), so the two can never disagree about which story is in which state.
"""

from datetime import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """What is stored: the last step taken (articles.workflow takes them)."""

    DRAFT = "draft", _("Bản nháp")
    PENDING = "pending", _("Chờ duyệt")
    PUBLISHED = "published", _("Đã xuất bản")
    UNPUBLISHED = "unpublished", _("Đã gỡ")
    # Taken down on request (a court, an authority, the law): its address answers 410 and
    # it never comes back through the publish button (articles.workflow.take_down).
    TAKEN_DOWN = "taken_down", _("Đã gỡ theo yêu cầu")


class State(models.TextChoices):
    """What the desk shows: the status, with a published story still to come `scheduled`."""

    DRAFT = Status.DRAFT.value, Status.DRAFT.label
    PENDING = Status.PENDING.value, Status.PENDING.label
    SCHEDULED = "scheduled", _("Hẹn giờ")
    PUBLISHED = Status.PUBLISHED.value, Status.PUBLISHED.label
    UNPUBLISHED = Status.UNPUBLISHED.value, Status.UNPUBLISHED.label
    TAKEN_DOWN = Status.TAKEN_DOWN.value, Status.TAKEN_DOWN.label


def is_public(now: datetime | None = None) -> Q:
    """The one definition of public: published, and its publish time has come."""
    return Q(status=Status.PUBLISHED, published_at__lte=now or timezone.now())


def is_scheduled(now: datetime | None = None) -> Q:
    """Published with a publish time still to come: readers see it from that time on."""
    return Q(status=Status.PUBLISHED, published_at__gt=now or timezone.now())


def state_condition(state: str, now: datetime | None = None) -> Q:
    """The stories in the desk's `state` (a `State` value), as a filter or an aggregate's."""
    match state:
        case State.SCHEDULED:
            return is_scheduled(now)
        case State.PUBLISHED:
            return is_public(now)
        case State.DRAFT | State.PENDING | State.UNPUBLISHED | State.TAKEN_DOWN:
            return Q(status=state)
    raise ValueError(f"No story state {state!r}; the states are {State.values}")


def state_of(status: str, published_at: datetime | None, now: datetime | None = None) -> str:
    """The desk's state of a story with this `status` and `published_at`, as `state_condition`."""
    if status == Status.PUBLISHED and published_at is not None:
        return State.PUBLISHED if published_at <= (now or timezone.now()) else State.SCHEDULED
    return status


class ArticleQuerySet(models.QuerySet):
    def public(self, now: datetime | None = None):
        """What readers see: published, and its publish time has come."""
        return self.filter(is_public(now))

    # The older name of `public`, still called by the reader pages and the comments app.
    def published(self):
        return self.public()

    def scheduled(self, now: datetime | None = None):
        """Published with a time still to come: goes public by itself at that time."""
        return self.filter(is_scheduled(now))

    def published_or_scheduled(self):
        """Given the publish step, whether or not its time has come (what `unpublish` takes)."""
        return self.filter(status=Status.PUBLISHED)

    def in_state(self, state: str, now: datetime | None = None):
        """The stories in one of the desk's six states (`State`); ValueError for another."""
        return self.filter(state_condition(state, now))

    def taken_down(self):
        """Taken down on request: their addresses answer 410 (articles/takedown.py)."""
        return self.filter(status=Status.TAKEN_DOWN)

    def for_listing(self):
        return self.select_related("section", "hero_image").order_by("-published_at", "-pk")
