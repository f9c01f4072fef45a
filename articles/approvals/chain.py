"""The chains, and who holds which level of which story now.

Every question here is answered from a `Chains` (all sections' chains: two queries, whatever
the number of stories) and a `Person` (one person's roles, sections and duty: three queries),
so a list of any length costs the same.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from newsroom.roles import LEVEL_ROLES

from ..models import ApprovalLevel, ApprovalStep, Article, DutyShift, Section

SECTION_HEAD = "truong-ban"
# Given to every group a level can name (newsroom.roles): who has it not holds no level.
APPROVER = "articles.approve_at_level"


@dataclass(frozen=True)
class Level:
    position: int
    role: str  # a slug of LEVEL_ROLES

    @property
    def label(self) -> str:
        return LEVEL_ROLES[self.role]


@dataclass
class Chains:
    """Every section's chain as it applies (its own, else its nearest ancestor's)."""

    levels: dict[int, tuple[Level, ...]]  # by section id, the section's own chain
    parents: dict[int, int | None]
    limits: dict[int, int | None]  # a section's own wait limit, minutes

    @classmethod
    def load(cls) -> "Chains":
        sections = list(Section.objects.values_list("pk", "parent_id", "approval_limit_minutes"))
        levels: dict[int, list[Level]] = {}
        # Counted 1, 2, 3... in the order of the stored positions (the form allows gaps).
        for section, role in ApprovalLevel.objects.order_by("section_id", "position").values_list(
            "section_id", "role"
        ):
            chain = levels.setdefault(section, [])
            chain.append(Level(len(chain) + 1, role))
        return cls(
            {section: tuple(chain) for section, chain in levels.items()},
            {pk: parent for pk, parent, _ in sections},
            {pk: limit for pk, _, limit in sections},
        )

    def ancestry(self, section_id: int):
        """The section and those above it, nearest first (a loop in the parents ends it)."""
        seen = set()
        while section_id is not None and section_id not in seen:
            seen.add(section_id)
            yield section_id
            section_id = self.parents.get(section_id)

    def owner(self, section_id: int) -> int | None:
        """The section whose chain applies to `section_id` (itself or an ancestor), if any."""
        return next((pk for pk in self.ancestry(section_id) if pk in self.levels), None)

    def of(self, section_id: int) -> tuple[Level, ...]:
        """The levels a story of `section_id` goes through; () when it has no chain."""
        owner = self.owner(section_id)
        return self.levels[owner] if owner is not None else ()

    def own(self, section_id: int) -> list[str]:
        """The role slugs of the section's own levels, first level first (none: [])."""
        return [level.role for level in self.levels.get(section_id, ())]

    def followed(self, section_id: int) -> tuple[int | None, list[str]]:
        """The section whose chain applies (itself or its nearest ancestor with one) and that
        chain's role slugs; `(None, [])` when none up the tree has one."""
        owner = self.owner(section_id)
        return (owner, self.own(owner)) if owner is not None else (None, [])

    def level(self, section_id: int, position: int | None) -> Level | None:
        """The level at `position` of the section's chain. A story left at a position the
        chain no longer has (it was shortened since) waits at its last level."""
        chain = self.of(section_id)
        if not position or position < 1 or not chain:
            return None
        return chain[min(position, len(chain)) - 1]

    def is_last(self, section_id: int, position: int) -> bool:
        return position == len(self.of(section_id))

    def limit(self, section_id: int) -> timedelta:
        """How long a story may wait at one level before the next level up is told."""
        minutes = next(
            (self.limits[pk] for pk in self.ancestry(section_id) if self.limits.get(pk)),
            settings.APPROVAL_LIMIT_MINUTES,
        )
        return timedelta(minutes=minutes)

    def under(self, section_ids) -> set[int]:
        """These sections and those up to two levels below them (as
        access.headed_condition)."""
        wanted = set(section_ids)
        return {pk for pk in self.parents if wanted & set(list(self.ancestry(pk))[:3])}

    def sections_with_chains(self) -> dict[int, tuple[Level, ...]]:
        """Each section that has a chain (its own or inherited), with that chain."""
        return {pk: chain for pk in self.parents if (chain := self.of(pk))}


NO_CHAINS = Chains({}, {}, {})


def describe(roles: list[str]) -> str:
    """`Trưởng ban → Thư ký tòa soạn → Tổng biên tập` for the slugs of a chain, in order."""
    return " → ".join(LEVEL_ROLES.get(role, role) for role in roles)


def on_duty(now: datetime | None = None) -> frozenset[int]:
    """The people whose duty shift covers `now` (usually one)."""
    now = now or timezone.now()
    return frozenset(
        DutyShift.objects.filter(starts_at__lte=now, ends_at__gt=now).values_list(
            "user_id", flat=True
        )
    )


@dataclass
class Person:
    """What the chain needs to know of one person, loaded once."""

    user: object
    roles: frozenset[str]  # slugs of LEVEL_ROLES
    headed: frozenset[int]  # the sections they head, with those below them
    duty: frozenset[int]  # who is on duty now
    chains: Chains
    now: datetime = field(default_factory=timezone.now)
    _duty_roles: dict[str, bool] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, user, chains: Chains | None = None, now: datetime | None = None) -> "Person":
        now = now or timezone.now()
        if not (user.is_active and user.is_authenticated and user.has_perm(APPROVER)):
            # Holds no level: nothing to load (their Person has no chains; access.chains has).
            return cls(user, frozenset(), frozenset(), frozenset(), chains or NO_CHAINS, now)
        chains = chains or Chains.load()
        names = {name: slug for slug, name in LEVEL_ROLES.items()}
        roles = frozenset(
            names[name]
            for name in user.groups.filter(name__in=names).values_list("name", flat=True)
        )
        headed = frozenset()
        if SECTION_HEAD in roles:
            headed = frozenset(chains.under(user.headed_sections.values_list("pk", flat=True)))
        return cls(user, roles, headed, on_duty(now), chains, now)

    @property
    def pk(self):
        return self.user.pk

    @cached_property
    def may_publish_breaking(self) -> bool:
        """The editor-in-chief and the deputies, and whoever is on duty now."""
        return self.user.has_perm("articles.publish_breaking") or self.pk in self.duty

    def has_role_for(self, section_id: int, level: Level) -> bool:
        """Whether they hold `level`'s role for a story of `section_id` (duty aside)."""
        if level.role not in self.roles:
            return False
        return level.role != SECTION_HEAD or section_id in self.headed

    def holds(self, section_id: int, level: Level) -> bool:
        """Whether `level` of a story of this section is theirs now.

        At the last level, while someone on duty holds its role, the story is the duty
        editor's: the others of that role act on it only when it is overdue (steps.take_over).
        """
        if not self.has_role_for(section_id, level):
            return False
        if self.chains.is_last(section_id, level.position) and self._duty_holds(level):
            return self.pk in self.duty
        return True

    def _duty_holds(self, level: Level) -> bool:
        """Whether someone on duty now holds `level`'s role: asked once per role, however
        many sections' chains end with it."""
        from django.contrib.auth import get_user_model

        if not self.duty:
            return False
        if self.pk in self.duty:
            return True
        if level.role not in self._duty_roles:
            self._duty_roles[level.role] = (
                get_user_model()
                .objects.filter(pk__in=self.duty, is_active=True, groups__name=level.label)
                .exists()
            )
        return self._duty_roles[level.role]


def approved_levels(article: Article, user) -> set[int]:
    """The levels of `article` that `user` has approved, in any round."""
    return set(
        ApprovalStep.objects.filter(
            article=article, by=user, kind=ApprovalStep.Kind.APPROVED
        ).values_list("level", flat=True)
    )


def may_act_at(person: Person, article: Article, level: Level) -> bool:
    """Whether `person` may approve or send back `article` waiting at `level`: they hold it,
    it is not their own story, and they approved no other level of it."""
    if article.author_id is not None and article.author_id == person.pk:
        return False
    if not person.holds(article.section_id, level):
        return False
    return approved_levels(article, person.user) <= {level.position}


def _at_levels(by_level: dict[int, list[int]]) -> Q | None:
    """The stories waiting at these levels of these sections (position: section ids)."""
    if not by_level:
        return None
    where = Q()
    for position, sections in by_level.items():
        where |= Q(approval_level=position, section_id__in=sections)
    return where


def waiting_condition(person: Person) -> Q | None:
    """The stories waiting at a level `person` holds, as a filter (None: they hold none).

    Not their own stories, nor those where they approved another level: the same rules as
    `may_act_at`, so the figure and the list behind it show exactly what they may act on.
    """
    by_level: dict[int, list[int]] = {}
    for section_id, chain in person.chains.sections_with_chains().items():
        for level in chain:
            if person.holds(section_id, level):
                by_level.setdefault(level.position, []).append(section_id)
    where = _at_levels(by_level)
    if where is None:
        return None
    other_level = ApprovalStep.objects.filter(
        article=OuterRef("pk"), by=person.pk, kind=ApprovalStep.Kind.APPROVED
    ).exclude(level=OuterRef("approval_level"))
    return Q(status=Article.Status.PENDING) & where & ~Q(author=person.pk) & ~Exists(other_level)


def overdue_condition(chains: Chains, now: datetime) -> Q:
    """The stories that have waited at their level longer than their section's limit."""
    by_limit: dict[timedelta, list[int]] = {}
    for section_id in chains.sections_with_chains():
        by_limit.setdefault(chains.limit(section_id), []).append(section_id)
    where = Q(pk__in=[])
    for limit, sections in by_limit.items():
        where |= Q(section_id__in=sections, approval_since__lt=now - limit)
    return Q(status=Article.Status.PENDING, approval_level__isnull=False) & where


def next_up(chains: Chains, section_id: int, position: int) -> Level | None:
    """The level above `position`, the one told when a story is overdue there; at the last
    level, that level itself (its other holders act in place of the duty editor)."""
    chain = chains.of(section_id)
    if position < len(chain):
        return chain[position]
    return chain[-1] if chain else None


def overdue_for_condition(person: Person) -> Q | None:
    """The overdue stories `person` may take over: waiting a level below one they hold (or
    at the last level, theirs by role while someone else is on duty)."""
    by_level: dict[int, list[int]] = {}
    for section_id, chain in person.chains.sections_with_chains().items():
        for level in chain:
            above = next_up(person.chains, section_id, level.position)
            if above is None:
                continue
            last = above.position == level.position
            if person.has_role_for(section_id, above) and not (
                last and person.holds(section_id, level)
            ):
                by_level.setdefault(level.position, []).append(section_id)
    where = _at_levels(by_level)
    if where is None:
        return None
    return overdue_condition(person.chains, person.now) & where & ~Q(author=person.pk)


def refit_waiting() -> int:
    """After a chain changed: a story waiting at a level its chain no longer has waits at the
    new last level; one whose section has no chain any more leaves the chain (an editor
    publishes it, as in a section without one). How many stories moved."""
    chains = Chains.load()
    waiting = Article.objects.filter(status=Article.Status.PENDING, approval_level__isnull=False)
    moved = 0
    by_length: dict[int, list[int]] = {}
    for section_id in waiting.values_list("section_id", flat=True).distinct():
        by_length.setdefault(len(chains.of(section_id)), []).append(section_id)
    for length, sections in by_length.items():
        stories = waiting.filter(section_id__in=sections)
        if length == 0:
            moved += stories.update(approval_level=None, approval_since=None)
        else:
            moved += stories.filter(approval_level__gt=length).update(approval_level=length)
    return moved
