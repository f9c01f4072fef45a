"""Write an export into the database: sections and tags, pictures, then one story at a time."""

import hashlib
import json
import logging
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from articles.body_images import link_body_images
from articles.models import Article, Image, Section, Tag, TaggedArticle
from articles.people.imports import make_writer, person_named
from articles.search import reindex
from comments.moderation import purge, recount
from newsroom.vietnamese import slugify

from ..links import key_for_url
from ..models import ImportedItem, OldLink
from . import media
from .discussion import write_comments
from .mapping import Context, map_comments, map_post
from .report import Report
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


class Rollback(Exception):
    """Raised at the end of a dry run to undo everything it wrote."""


def digest(*values) -> str:
    return hashlib.sha256(json.dumps(values, default=str, sort_keys=True).encode()).hexdigest()


@dataclass
class Survey:
    """The first pass: the file checked end to end, and what the posts will need."""

    channel: Channel
    attachments: dict[str, media.Attachment] = field(default_factory=dict)
    posts: int = 0
    uncategorised: bool = False  # some post has no category: it goes in FALLBACK_SECTION


class Importer:
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

    def run(self) -> Report:
        """Check the whole file (RefusedFile before anything is written), then import it."""
        check_size(self.path, self.max_bytes)
        survey = self.survey()
        self.site = survey.channel.site
        self.ctx = Context(channel=survey.channel, tz=self.tz)
        # A dry run is one transaction rolled back at the end; a real run commits each story.
        try:
            with transaction.atomic() if self.dry_run else nullcontext():
                self.import_terms(survey.channel.terms)
                if survey.uncategorised:
                    # Made before the stories, so a story rolled back cannot take it along.
                    self.sections[FALLBACK_SECTION] = Section.objects.get_or_create(
                        slug=slugify(FALLBACK_SECTION), defaults={"name": FALLBACK_SECTION}
                    )[0]
                self.import_pictures(survey.attachments)
                done = 0
                for item in read(self.path, Channel()):
                    self.import_item(item)
                    if isinstance(item, BrokenItem) or item.post_type == "post":
                        done += 1
                        self.progress(done, survey.posts)
                if self.dry_run:
                    raise Rollback
        except Rollback:
            pass
        return self.report

    def survey(self) -> Survey:
        survey = Survey(Channel())
        known = set()
        for item in read(self.path, survey.channel):
            if isinstance(item, BrokenItem):
                survey.posts += 1
                continue
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

    # Sections and tags --------------------------------------------------------------------

    def mapped(self, kind: str, wp_id: str) -> ImportedItem | None:
        return ImportedItem.objects.filter(site=self.site, kind=kind, wp_id=wp_id).first()

    def remember(self, kind: str, wp_id: str, object_id: int, fingerprint: str) -> None:
        ImportedItem.objects.update_or_create(
            site=self.site,
            kind=kind,
            wp_id=wp_id,
            defaults={"object_id": object_id, "digest": fingerprint},
        )

    def import_terms(self, terms: list[Term]) -> None:
        categories = {t.slug: t for t in terms if t.kind == "category"}

        def chain(term: Term) -> list[Term]:
            """The term and its ancestors, root first (a loop in the export is cut)."""
            out = [term]
            while out[0].parent_slug in categories and categories[out[0].parent_slug] not in out:
                out.insert(0, categories[out[0].parent_slug])
            return out

        for term in sorted(categories.values(), key=lambda t: len(chain(t))):
            ancestors = chain(term)
            # Our sections nest one level: a deeper category joins its top-level one.
            parent = self.sections[ancestors[0].slug] if len(ancestors) > 1 else None
            with transaction.atomic():
                section = self.upsert_section(term, parent)
                self.sections[term.slug] = section
                path = "/".join(quote(t.slug, safe="%") for t in ancestors)
                self.link([f"/category/{path}/", f"/?cat={term.key}"], section=section)
        for term in (t for t in terms if t.kind == "post_tag"):
            with transaction.atomic():
                self.tags[term.slug] = self.upsert_tag(term)
                self.link([f"/tag/{term.slug}/", f"/?tag={term.slug}"], tag=self.tags[term.slug])

    def upsert_section(self, term: Term, parent: Section | None) -> Section:
        fields = {"name": term.name[:100], "parent": parent, "description": term.description}
        fingerprint = digest(term.name, parent.pk if parent else None, term.description)
        mapping = self.mapped(Kind.CATEGORY, term.key)
        section = Section.objects.filter(pk=mapping.object_id).first() if mapping else None
        if section and mapping.digest == fingerprint:
            self.report.count("category", "unchanged")
            return section
        outcome = "updated" if section else "created"
        if section is None:
            # A section the paper already has, under the same name, is used rather than doubled.
            section = Section.objects.filter(slug=slugify(term.name), parent=parent).first()
            outcome = "unchanged" if section else "created"
        if section is None or outcome == "updated":
            section = section or Section()
            for name, value in fields.items():
                setattr(section, name, value)
            section.save()
        self.remember(Kind.CATEGORY, term.key, section.pk, fingerprint)
        self.report.count("category", outcome)
        return section

    def upsert_tag(self, term: Term) -> Tag:
        mapping = self.mapped(Kind.TAG, term.key)
        tag = Tag.objects.filter(pk=mapping.object_id).first() if mapping else None
        fingerprint = digest(term.name)
        if tag and mapping.digest == fingerprint:
            self.report.count("tag", "unchanged")
            return tag
        name = term.name[:100]
        if tag is not None:
            tag.name = name
            tag.save()
            outcome = "updated"
        else:
            tag, created = Tag.objects.get_or_create(name=name)
            outcome = "created" if created else "unchanged"
        self.remember(Kind.TAG, term.key, tag.pk, fingerprint)
        self.report.count("tag", outcome)
        return tag

    def link(self, urls: list[str | None], **target) -> None:
        """Point the old addresses at `target`; one that already does is left alone."""
        keys = list(dict.fromkeys(k for url in urls if url and (k := key_for_url(url))))
        existing = {link.path: link for link in OldLink.objects.filter(path__in=keys)}
        field_name, obj = next(iter(target.items()))
        for key in keys:
            link = existing.get(key)
            if link is None:
                OldLink.objects.create(path=key, **target)
                self.report.count("link", "created")
            elif getattr(link, f"{field_name}_id") != obj.pk:
                link.article = link.section = link.tag = None
                link.url = ""
                setattr(link, field_name, obj)
                link.save()
                self.report.count("link", "updated")
            else:
                self.report.count("link", "unchanged")

    # Pictures ---------------------------------------------------------------------------

    def import_pictures(self, attachments: dict[str, media.Attachment]) -> None:
        for attachment in attachments.values():
            if not attachment.is_picture:
                self.report.skip("picture", "tệp đính kèm không phải ảnh")
                continue
            try:
                with transaction.atomic():
                    self.import_picture(attachment)
            except Exception as error:
                logger.exception("WordPress picture %s", attachment.wp_id)
                self.report.skip("picture", "lỗi khi nhập ảnh")
                self.report.warn(f"Ảnh #{attachment.wp_id}", f"lỗi {type(error).__name__}")
        for attachment in attachments.values():
            if self.ctx.pictures.get(attachment.wp_id):
                self.ctx.paths[attachment.path] = attachment.wp_id
            self.ctx.children.setdefault(attachment.parent_id, []).append(attachment.wp_id)

    def import_picture(self, attachment: media.Attachment) -> None:
        where = f"Ảnh #{attachment.wp_id} ({attachment.path or attachment.url})"
        found = media.locate(self.media_dir, attachment.path)
        mapping = self.mapped(Kind.ATTACHMENT, attachment.wp_id)
        image = Image.objects.filter(pk=mapping.object_id).first() if mapping else None
        fingerprint = media.fingerprint(found, attachment)
        if image and (mapping.digest == fingerprint or found is None):
            self.ctx.pictures[attachment.wp_id] = media.as_picture(image, attachment)
            self.report.count("picture", "unchanged")
            return
        if found is None:
            self.report.skip("picture", "thiếu tệp ảnh trong --media-dir")
            self.report.warn(where, "không tìm thấy tệp ảnh")
            return
        try:
            content = media.checked(found)
        except ValidationError as error:
            self.report.skip("picture", "ảnh không qua kiểm tra tải lên")
            self.report.warn(where, media.refusal(error))
            return
        outcome = "updated" if image else "created"
        if not self.dry_run:
            try:
                image = media.store(content, attachment, image)
            except media.StorageFull as error:
                self.report.skip("picture", "ổ lưu trữ không nhận ảnh")
                self.report.warn(where, media.refusal(error))
                return
            self.remember(Kind.ATTACHMENT, attachment.wp_id, image.pk, fingerprint)
        self.ctx.pictures[attachment.wp_id] = media.as_picture(image, attachment)
        self.report.count("picture", outcome)

    # Stories ----------------------------------------------------------------------------

    def import_item(self, item: Item | BrokenItem) -> None:
        if isinstance(item, BrokenItem):
            self.report.skip("post", f"mục hỏng: {item.reason}")
            self.report.warn(f"Mục “{item.title or item.wp_id}”", item.reason)
            return
        if item.post_type == "attachment":
            return
        if item.post_type != "post":
            reason = SKIPPED_TYPES.get(item.post_type, f"loại “{item.post_type}” không phải bài")
            self.report.skip("post", reason)
            return
        if item.status in SKIPPED_STATUSES:
            self.report.skip("post", SKIPPED_STATUSES[item.status] or "không phải bài")
            return
        try:
            with transaction.atomic():
                self.import_post(item)
        except Exception as error:
            logger.exception("WordPress post %s", item.wp_id)
            self.report.skip("post", "lỗi khi ghi bài")
            self.report.warn(f"Bài #{item.wp_id}", f"không nhập được ({type(error).__name__})")

    def section_for(self, item: Item) -> Section:
        for domain, nicename, _ in item.terms:
            if domain == "category" and nicename in self.sections:
                return self.sections[nicename]
        return self.sections[FALLBACK_SECTION]

    def import_post(self, item: Item) -> None:
        story = map_post(item, self.ctx)
        where = f"Bài #{item.wp_id} “{story.title[:60]}”"
        for warning in story.warnings:
            self.report.warn(where, warning)
        section = self.section_for(item)
        tags = [self.tags[n] for d, n, _ in item.terms if d == "post_tag" and n in self.tags]
        comments, pings, broken = map_comments(item, self.tz, story.published_at or timezone.now())
        self.report.skip("comment", "pingback/trackback", pings)
        self.report.skip("comment", "bình luận hỏng", broken)
        links = [item.link, f"/?p={item.wp_id}", item.guid]
        hero_id = story.hero.image_id if story.hero else None
        fingerprint = digest(
            story, section.pk, sorted(t.pk for t in tags), hero_id, comments, links
        )
        mapping = self.mapped(Kind.POST, item.wp_id)
        article = Article.objects.filter(pk=mapping.object_id).first() if mapping else None
        if article and article.status == Article.Status.TAKEN_DOWN:
            # Taken down on request: an import never brings it back (articles.workflow).
            self.report.skip("post", "bài đã gỡ theo yêu cầu")
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
        make_writer(article, person_named(story.byline))
        if outcome == "created":
            # A new story's tags in one insert, then its search text once (taggit would add
            # them one by one, reindexing after each).
            TaggedArticle.objects.bulk_create(
                [TaggedArticle(content_object=article, tag=tag) for tag in dict.fromkeys(tags)]
            )
            reindex(Article.objects.filter(pk=article.pk))
        else:
            article.tags.set(tags)
        write_comments(self.site, article, comments, self.report)
        recount([article.pk])
        pk = article.pk
        transaction.on_commit(lambda: purge([pk]))
        self.link(links, article=article)
        self.remember(Kind.POST, item.wp_id, article.pk, fingerprint)
        self.report.count("post", outcome)
