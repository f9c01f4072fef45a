"""The shapes of the API's answers, for its OpenAPI description (content.py builds them)."""

from ninja import Schema


class Rendition(Schema):
    width: int
    type: str | None
    url: str


class Picture(Schema):
    id: int
    url: str
    width: int | None
    height: int | None
    alt: str
    caption: str
    credit: str
    renditions: list[Rendition]


class SectionBrief(Schema):
    id: int
    name: str
    slug: str
    url: str


class SectionOut(SectionBrief):
    description: str
    parent: str | None
    in_menu: bool
    stories_url: str


class TagOut(Schema):
    name: str
    slug: str
    url: str


class Author(Schema):
    name: str
    slug: str | None
    url: str | None


class StoryLink(Schema):
    id: int
    title: str
    url: str
    api_url: str


class CorrectionBase(Schema):
    id: int
    kind: str
    kind_label: str
    place: str
    published_at: str | None
    url: str
    note: str
    story_title: str
    story_published_at: str | None
    wrong: str
    corrected: str
    apology: str


class CorrectionOut(CorrectionBase):
    story: StoryLink


class StorySummary(Schema):
    id: int
    title: str
    slug: str
    url: str
    api_url: str
    kind: str
    section: SectionBrief
    tags: list[TagOut]
    lead: str
    source_code: str
    byline: str
    authors: list[Author]
    published_at: str | None
    updated_at: str | None
    hero: Picture | None


class Live(Schema):
    entries_url: str


class StoryDetail(StorySummary):
    body_html: str
    pictures: list[Picture]
    gallery: list[Picture]
    related: list[StoryLink]
    corrections: list[CorrectionBase]
    live: Live | None


class PersonOut(Schema):
    slug: str
    pen_name: str
    other_pen_names: list[str]
    bio: str
    photo: Picture | None
    url: str
    stories_url: str


class Guest(Schema):
    name: str
    office: str


class LiveEntryOut(Schema):
    id: int
    posted_at: str | None
    edited_at: str | None
    headline: str
    body_html: str
    author: str
    key_event: bool
    pinned: bool
    question: str
    asked_by: str
    guest: Guest | None


class Page(Schema):
    count: int
    page: int
    pages: int
    page_size: int
    next: str | None
    previous: str | None


class StoryPage(Page):
    results: list[StorySummary]


class TagPage(Page):
    results: list[TagOut]


class PersonPage(Page):
    results: list[PersonOut]


class CorrectionPage(Page):
    results: list[CorrectionOut]


class LivePage(Page):
    state: str
    results: list[LiveEntryOut]


class Error(Schema):
    detail: str
