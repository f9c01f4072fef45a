"""What the front page, a section page and the breaking-news bar show now.

The placement in force in a slot's position is the one that started last (no cron job). Its
story shows only while public: one that stops being public leaves its slot at once (its
unpublishing purges `stories`, which these pages show). An empty position falls back to
the newest public story not shown above it, the featured ones (WordPress's sticky posts)
first. No story is shown twice: the boxes below skip what the slots show.

The home page costs three queries whatever the number of slots, boxes and placements: the
placements in force, the boxes, and the candidate stories (a window keeps the first few of
each section, and of the featured, among the newest HOME_RECENT).
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import F, Q, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from ..models import Article, HomeBox, Placement, Section, Slot
from .slots import home_positions

NEWEST = [F("published_at").desc(), F("pk").desc()]


@dataclass
class SectionBlock:
    """A section's box on the home page: the section and its newest stories not shown above."""

    section: Section
    articles: list[Article] = field(default_factory=list)


@dataclass
class Spot:
    """One position of a slot as it shows now: the story, and the placement it comes from."""

    slot: str
    position: int
    story: Article | None
    placement: Placement | None = None  # None: the story is the fallback

    @property
    def placed(self) -> bool:
        return self.placement is not None

    @property
    def label(self) -> str:
        return Slot(self.slot).label


@dataclass(frozen=True)
class Breaking:
    """The breaking-news bar: one line linking to a story, until `ends_at`."""

    title: str
    url: str
    ends_at: datetime
    story_id: int


@dataclass
class Front:
    spots: list[Spot]
    blocks: list[SectionBlock]
    breaking: Breaking | None = None

    def _stories(self, slot: str) -> list[Article]:
        return [spot.story for spot in self.spots if spot.slot == slot and spot.story]

    @property
    def main(self) -> Article | None:
        stories = self._stories(Slot.MAIN)
        return stories[0] if stories else None

    @property
    def companions(self) -> list[Article]:
        return self._stories(Slot.COMPANION)

    @property
    def highlights(self) -> list[Article]:
        return self._stories(Slot.HIGHLIGHT)

    @property
    def featured(self) -> list[Article]:
        """Every story at the top of the page, in order (main, companions, highlights)."""
        return [spot.story for spot in self.spots if spot.story]


@dataclass
class SectionFront:
    main: Article | None
    placement: Placement | None = None
    breaking: Breaking | None = None


def in_force(condition: Q, now: datetime) -> dict[tuple[str, int | None, int], Placement]:
    """The placement in force in each (slot, section, position) matching `condition`."""
    rank = Window(
        RowNumber(),
        partition_by=[F("slot"), F("section_id"), F("position")],
        order_by=[F("starts_at").desc(), F("pk").desc()],
    )
    rows = (
        Placement.objects.filter(condition, starts_at__lte=now)
        .select_related("article__section__parent", "article__hero_image")
        .defer("article__body", "article__search_text")
        .annotate(rank=rank)
        .filter(rank=1)
    )
    return {(row.slot, row.section_id, row.position): row for row in rows}


def _shown(placement: Placement | None) -> Article | None:
    story = placement.article if placement is not None else None
    return story if story is not None and story.is_public else None


def breaking_of(placements: dict, now: datetime) -> Breaking | None:
    placement = placements.get((Slot.BREAKING, None, 1))
    story = _shown(placement)
    if story is None or placement.ends_at is None or placement.ends_at <= now:
        return None
    return Breaking(story.title, story.get_absolute_url(), placement.ends_at, story.pk)


def breaking_now(now: datetime | None = None) -> Breaking | None:
    """The bar every reader page shows, or None: one query."""
    now = now or timezone.now()
    return breaking_of(in_force(Q(slot=Slot.BREAKING), now), now)


def _boxes() -> list[HomeBox] | None:
    """The boxes the editors set, in order; None when they set none (every top section)."""
    boxes = list(HomeBox.objects.select_related("section__parent").order_by("position", "pk"))
    if not boxes:
        return None
    return [box for box in boxes if box.shown and box.count]


def candidates(per_group: int, featured: int) -> list[Article]:
    """The newest public stories: the first `per_group` of each section (own and top-level)
    and the first `featured` featured ones, among the newest HOME_RECENT; newest first."""
    recent = Article.objects.published().order_by(*NEWEST)[: settings.HOME_RECENT]
    top = Coalesce("section__parent_id", "section_id")
    return list(
        Article.objects.filter(pk__in=recent.values("pk"))
        .for_listing()
        .defer("body", "search_text")  # cards show no body; the parts cache keeps none
        .select_related("section__parent")
        .annotate(
            top_place=Window(RowNumber(), partition_by=[top], order_by=NEWEST),
            own_place=Window(RowNumber(), partition_by=[F("section_id")], order_by=NEWEST),
            featured_place=Window(RowNumber(), partition_by=[F("featured")], order_by=NEWEST),
        )
        .filter(
            Q(top_place__lte=per_group)
            | Q(own_place__lte=per_group)
            | Q(featured=True, featured_place__lte=featured)
        )
        .order_by(*NEWEST)
    )


def _fill_spots(placements: dict, pool: list[Article]) -> tuple[list[Spot], set[int]]:
    """Placed stories first (each once, the higher slot keeping it), then the fallbacks."""
    positions = home_positions()
    spots = [Spot(slot, position, None) for slot, position in positions]
    used: set[int] = set()
    for spot in spots:
        placement = placements.get((spot.slot, None, spot.position))
        story = _shown(placement)
        if story is not None and story.pk not in used:
            spot.story, spot.placement = story, placement
            used.add(story.pk)
    fallbacks = iter([s for s in pool if s.featured] + [s for s in pool if not s.featured])
    for spot in spots:
        if spot.story is not None:
            continue
        for story in fallbacks:
            if story.pk not in used:
                spot.story = story
                used.add(story.pk)
                break
    return spots, used


def _in_box(story: Article, section: Section) -> bool:
    return story.section_id == section.pk or story.section.parent_id == section.pk


def _fill_blocks(boxes: list[HomeBox] | None, pool: list[Article], used: set[int]):
    if boxes is None:
        tops: dict[int, Section] = {}
        for story in pool:
            top = story.section.parent or story.section
            tops.setdefault(top.pk, top)
        ordered = sorted(tops.values(), key=lambda section: (section.position, section.name))
        wanted = [(section, settings.HOME_PER_SECTION) for section in ordered]
    else:
        wanted = [(box.section, min(box.count, settings.FRONT_BOX_MAX)) for box in boxes]
    blocks = []
    for section, count in wanted:
        block = SectionBlock(section)
        for story in pool:
            if len(block.articles) >= count:
                break
            if story.pk not in used and _in_box(story, section):
                block.articles.append(story)
                used.add(story.pk)
        if block.articles:
            blocks.append(block)
    return blocks


def compose_home(now: datetime | None = None) -> Front:
    """The home page now: its slots, the section boxes below, and the breaking-news bar."""
    now = now or timezone.now()
    slots = [slot for slot, _ in home_positions()]
    placements = in_force(Q(slot__in=slots, section=None) | Q(slot=Slot.BREAKING), now)
    boxes = _boxes()
    top = len(slots)
    most = max([box.count for box in boxes or []] + [settings.HOME_PER_SECTION])
    pool = candidates(min(most, settings.FRONT_BOX_MAX) + top, top)
    spots, used = _fill_spots(placements, pool)
    return Front(spots, _fill_blocks(boxes, pool, used), breaking_of(placements, now))


def compose_section(section_ids: list[int], now: datetime | None = None) -> SectionFront:
    """A section page's placed main story (None: the page's newest leads) and the bar."""
    now = now or timezone.now()
    section = section_ids[0]
    placements = in_force(Q(slot=Slot.SECTION_MAIN, section=section) | Q(slot=Slot.BREAKING), now)
    placement = placements.get((Slot.SECTION_MAIN, section, 1))
    story = _shown(placement)
    if story is not None and story.section_id not in section_ids:
        story = None  # moved to another section since it was placed
    return SectionFront(story, placement if story else None, breaking_of(placements, now))
