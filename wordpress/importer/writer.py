"""Write an export into the database: sections and tags, pictures, then one story at a time."""

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import DatabaseError, connection, transaction
from django.db.models import Q

from articles import pages
from articles.body_images import link_body_images
from articles.models import Article, Contributor, Image, Role, Section, Tag, TaggedArticle
from articles.people.imports import make_writer, person_named
from articles.search import reindex
from comments.moderation import purge, recount
from newsroom.vietnamese import slugify

from ..models import ImportedItem
from . import media
from .archiving import Archiving, queued
from .discussion import write_comments
from .keys import Keys, digest
from .mapping import Context, map_comments, map_post
from .oldlinks import Links
from .pictures import PicturesMixin
from .report import Report
from .terms import TermsMixin
from .wxr import BrokenItem, Channel, Item, Term, check_size, read

logger = logging.getLogger(__name__)
Kind = ImportedItem.Kind
FALLBACK_SECTION = "Chưa phân loại"
# Item types that are part of the site's machinery, never a story.
SKIPPED_TYPES = {
    "page": "trang (page) không nhập",
    "nav_menu_item": "mục menu",
    "revision": "bản sửa cũ",
}
SKIPPED_STATUSES = {"trash": "trong thùng rác", "auto-draft": "bản nháp tự động", "inherit": ""}
# Stories written in one transaction (each in its own savepoint): one commit per batch, and
# the batch's rows read in a few queries, instead of one commit and dozens of reads a story.
BATCH = 100
_GUID_ID = re.compile(r"[?&]p=(\d+)(?:&|#|$)")


class Rollback(Exception):
    """Raised at the end of a dry run to undo everything it wrote."""


@dataclass
class Survey:
    """The first pass: the file checked end to end, and what the posts will need."""

    channel: Channel
    attachments: dict[str, media.Attachment] = field(default_factory=dict)
    posts: int = 0
    uncategorised: bool = False  # some post has no category: it goes in FALLBACK_SECTION
    ids: set[str] = field(default_factory=set)  # every item's own id, for its `?p=ID`


class Importer(TermsMixin, PicturesMixin):
    def __init__(
        self,
        path: str,
        *,
        media_dir: Path | None = None,
        dry_run: bool = False,
        max_bytes: int,
        time_zone: str,
        progress: Callable[[int, int], None] | None = None,
    ):
        self.path = path
        self.media_dir = media_dir
        self.dry_run = dry_run
        self.max_bytes = max_bytes
        self.tz = ZoneInfo(time_zone)
        self.progress = progress or (lambda done, total: None)
        self.report = Report(dry_run=dry_run)
        self.sections: dict[str, Section] = {}  # by category nicename
        self.tags: dict[str, Tag] = {}  # by tag nicename
        self.people: dict[str, object] = {}  # by byline: each author looked up once

    def run(self) -> Report:
        """Check the whole file (RefusedFile before anything is written), then import it."""
        check_size(self.path, self.max_bytes)
        survey = self.survey()
        self.site = survey.channel.site
        self.ids = survey.ids
        self.keys = Keys(self.site, survey.channel.legacy_site)
        self.links = Links(self.keys, self.report)
        self.ctx = Context(channel=survey.channel, tz=self.tz)
        if connection.vendor == "postgresql":
            # Each commit returns without waiting for its WAL to reach the disk: a crash loses
            # at most the last moment's commits, which a re-run writes again (never a half).
            with connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit TO OFF")
        # A dry run is one transaction rolled back at the end; a real run commits a batch.
        # A dry run records nothing; a real one queues its stories' archive records (archiving.py).
        self.archiving = None if self.dry_run else Archiving()
        try:
            with transaction.atomic() if self.dry_run else queued(self.archiving):
                self.import_terms(survey.channel.terms)
                if survey.uncategorised:
                    # Made before the stories, so a story rolled back cannot take it along.
                    self.sections[FALLBACK_SECTION] = Section.objects.get_or_create(
                        slug=slugify(FALLBACK_SECTION), defaults={"name": FALLBACK_SECTION}
                    )[0]
                self.import_pictures(survey.attachments)
                self.done, self.total = 0, survey.posts
                batch: list[Item] = []
                for item in read(self.path, Channel()):
                    if self.is_story(item):
                        batch.append(item)
                        if len(batch) >= BATCH:
                            self.import_batch(batch)
                            batch = []
                    else:
                        self.account_for(item)
                self.import_batch(batch)
                if self.links.changed and not self.dry_run:
                    pages.site_changed()  # old links answer before the page cache
                if self.dry_run:
                    raise Rollback
        except Rollback:
            pass
        finally:
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET synchronous_commit TO DEFAULT")
        return self.report

    def survey(self) -> Survey:
        survey = Survey(Channel())
        known = set()
        for item in read(self.path, survey.channel):
            if isinstance(item, BrokenItem):
                survey.posts += 1
                continue
            survey.ids.add(item.wp_id)
            if item.post_type == "attachment":
                attachment = media.attachment(item)
                survey.attachments[item.wp_id] = attachment
            elif item.post_type == "post":
                survey.posts += 1
                survey.uncategorised |= not any(d == "category" and n for d, n, _ in item.terms)
            if not known:
                known = {(t.kind, t.slug) for t in survey.channel.terms}
            for domain, nicename, name in item.terms:
                if (
                    domain in ("category", "post_tag")
                    and nicename
                    and (domain, nicename) not in known
                ):
                    known.add((domain, nicename))
                    survey.channel.terms.append(Term(domain, f"slug:{nicename}", nicename, name))
        return survey

    # Stories ----------------------------------------------------------------------------

    def is_story(self, item: Item | BrokenItem) -> bool:
        return (
            isinstance(item, Item)
            and item.post_type == "post"
            and item.status not in SKIPPED_STATUSES
        )

    def account_for(self, item: Item | BrokenItem) -> None:
        """An item that is not a story: skipped and counted, its comments with it."""
        if isinstance(item, BrokenItem):
            self.report.skip("post", f"mục hỏng: {item.reason}")
            self.report.warn(f"Mục “{item.title or item.wp_id}”", item.reason)
            self.report.skip("comment", "bình luận của mục hỏng", item.comments)
            self.tick()
            return
        if item.post_type == "attachment":
            reason = "bình luận của ảnh, tệp đính kèm"  # the file itself: import_pictures
        elif not item.post_type:
            self.report.skip("post", "thiếu loại (wp:post_type)")
            reason = "bình luận của mục không rõ loại"
        elif item.post_type != "post":
            label = SKIPPED_TYPES.get(item.post_type, f"loại “{item.post_type}” không phải bài")
            self.report.skip("post", label)
            reason = f"bình luận của mục bỏ qua ({label})"
        else:
            label = SKIPPED_STATUSES[item.status] or "không phải bài"
            self.report.skip("post", label)
            reason = f"bình luận của bài bỏ qua ({label})"
            self.tick()
        self.report.skip("comment", reason, len(item.comments))

    def tick(self) -> None:
        self.done += 1
        self.progress(self.done, self.total)

    def import_batch(self, items: list[Item]) -> None:
        """Write `items` in one transaction, each story in a savepoint of its own.

        A story that fails is rolled back alone and reported; should the batch itself fail
        (the database went away), each of its stories is tried again on its own.
        """
        if not items:
            return
        saved = self.report.checkpoint()
        try:
            with transaction.atomic():
                mappings = self.keys.load(Kind.POST, [i.wp_id for i in items])
                articles = Article.objects.in_bulk(m.object_id for m in mappings.values())
                self.links.load(url for i in items for url in self.link_urls(i))
                self.new, self.commented, self.updated = [], [], []
                for item in items:
                    mapping = mappings.get(item.wp_id)
                    article = articles.get(mapping.object_id) if mapping else None
                    self.import_story(item, mapping, article)
                # The batch's search text and comment counts, a query or two each.
                if self.new:
                    reindex(Article.objects.filter(pk__in=self.new))
                if self.commented:
                    recount(self.commented)
                if self.updated:
                    updated = list(self.updated)
                    transaction.on_commit(lambda: purge(updated))
                if self.archiving is not None:
                    self.archiving.after_commit()
        except DatabaseError as error:
            self.report.restore(saved)
            self.links.forget()
            self.people.clear()
            if len(items) == 1:
                logger.exception("WordPress post %s", items[0].wp_id)
                self.failed(items[0], error)
                self.tick()
            else:
                for item in items:
                    self.import_batch([item])
            return
        finally:
            self.links.forget()
        for _ in items:
            self.tick()

    def import_story(self, item: Item, mapping, article) -> None:
        saved = self.report.checkpoint()
        try:
            with transaction.atomic():
                self.import_post(item, mapping, article)
        except Exception as error:
            logger.exception("WordPress post %s", item.wp_id)
            self.report.restore(saved)
            self.links.forget()
            self.people.clear()  # a person made in the rolled-back savepoint is gone
            self.failed(item, error)

    def failed(self, item: Item, error: Exception) -> None:
        self.report.skip("post", "lỗi khi ghi bài")
        self.report.skip("comment", "bình luận của bài không ghi được", len(item.comments))
        self.report.warn(f"Bài #{item.wp_id}", f"không nhập được ({type(error).__name__})")

    def section_for(self, item: Item) -> Section:
        for domain, nicename, _ in item.terms:
            if domain == "category" and nicename in self.sections:
                return self.sections[nicename]
        return self.sections[FALLBACK_SECTION]

    def link_urls(self, item: Item) -> list[str]:
        """The post's old addresses: its permalink, its own `?p=ID`, and its guid unless
        the guid is `?p=N` of another item of the file (that item's own address wins)."""
        urls = [item.link, f"/?p={item.wp_id}"]
        named = _GUID_ID.search(item.guid or "")
        if not named or named.group(1) == item.wp_id or named.group(1) not in self.ids:
            urls.append(item.guid)
        return urls

    def writer_of(self, byline: str):
        if byline not in self.people:
            self.people[byline] = person_named(byline)
        return self.people[byline]

    def import_post(self, item: Item, mapping: ImportedItem | None, article) -> None:
        story = map_post(item, self.ctx)
        where = f"Bài #{item.wp_id} “{story.title[:60]}”"
        for warning in story.warnings:
            self.report.warn(where, warning)
        section = self.section_for(item)
        tags = [self.tags[n] for d, n, _ in item.terms if d == "post_tag" and n in self.tags]
        comments, pings, broken = map_comments(item, self.tz)
        self.report.skip("comment", "pingback/trackback", pings)
        self.report.skip("comment", "bình luận hỏng", broken)
        links = self.link_urls(item)
        hero_id = story.hero.image_id if story.hero else None
        fingerprint = digest(
            story, section.pk, sorted(t.pk for t in tags), hero_id, comments, links
        )
        if article and article.status == Article.Status.TAKEN_DOWN:
            # Taken down on request: an import never brings it back (articles.workflow).
            self.report.skip("post", "bài đã gỡ theo yêu cầu")
            self.report.skip("comment", "bình luận của bài đã gỡ", len(comments))
            return
        if article and mapping.digest == fingerprint:
            self.report.count("post", "unchanged")
            self.report.count("comment", "unchanged", len(comments))
            return
        outcome = "updated" if article else "created"
        article = article or Article(source_code="")
        article.title = story.title
        article.section = section
        article.lead = story.lead
        article.body = link_body_images(
            story.body,
            lambda ids, names: Image.objects.filter(Q(pk__in=ids) | Q(file__in=names)),
        )
        article.byline = story.byline
        article.status = story.status
        article.published_at = story.published_at
        article.featured = story.featured
        article.allow_comments = story.allow_comments
        article.hero_image_id = hero_id
        article.save()
        # Each WordPress author is a person, the story's writer (articles/people/imports.py).
        writer = self.writer_of(story.byline)
        if outcome == "created":
            if writer is not None:  # a new story has no writer to replace
                Contributor.objects.create(article=article, person=writer, role=Role.TEXT)
            # A new story's tags in one insert, its search text once for the batch (taggit
            # would add them one by one, reindexing after each).
            TaggedArticle.objects.bulk_create(
                [TaggedArticle(content_object=article, tag=tag) for tag in dict.fromkeys(tags)]
            )
            self.new.append(article.pk)
        else:
            make_writer(article, writer)
            article.tags.set(tags)
            # A new story's pages are purged by its save; an updated one's comments may move.
            self.updated.append(article.pk)
        write_comments(self.keys, article, comments, self.report)
        if comments:
            self.commented.append(article.pk)
        self.links.point(links, where, article=article)
        self.keys.remember(Kind.POST, item.wp_id, article.pk, fingerprint, mapping)
        self.report.count("post", outcome)
