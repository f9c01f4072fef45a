"""Stories: the story itself, its related stories and share links; one write path for each.

Every writer of a story passes through `Article.save`, which normalises the text, follows the
title with the slug until first publication, and makes the search text again when the words
changed. It compares with what the copy loaded (`LoadedValues`), never reads the row again. The
desk's saves and the workflow's steps take the edit version through `claim_version`.
"""

import logging
import re

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from multimedia.models import MediaFile
from newsroom.sanitize import clean_html
from newsroom.vietnamese import clean_name, clean_text, excerpt, search_document, slugify

from .kinds import Kind
from .pictures import Image
from .sections import Section, TaggedArticle, normal_slug
from .snapshot import LoadedValues
from .states import ArticleQuerySet, State, Status, state_of

logger = logging.getLogger(__name__)

# The lead is one paragraph, printed in bold over the story and in every list.
LEAD_MAX_LENGTH = 400
# What the search text is made of (with the tags, which change through `tags`).
SEARCHED_FIELDS = frozenset({"title", "lead", "body"})


class StaleEdit(Exception):
    """The story was saved (or moved a step) since the version the edit began from."""


# Where one block of the body ends and the next begins: "sương.</p><p>Người" is two sentences.
_BLOCK_END = re.compile(
    r"</(?:p|h[1-6]|li|blockquote|figcaption|figure|div|td|th|pre)>|<br\s*/?>", re.IGNORECASE
)


def default_source_code():
    return settings.SITE_CODE


class Article(LoadedValues):
    Kind = Kind
    Status = Status
    State = State

    title = models.CharField(_("tiêu đề"), max_length=250)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("Để trống để tạo tự động từ tiêu đề (bỏ dấu, đ → d)."),
    )
    section = models.ForeignKey(
        Section, verbose_name=_("chuyên mục"), on_delete=models.PROTECT, related_name="articles"
    )
    lead = models.TextField(
        _("sapo"),
        max_length=LEAD_MAX_LENGTH,
        validators=[MaxLengthValidator(LEAD_MAX_LENGTH)],
        help_text=_("Một đoạn tóm tắt, hiển thị in đậm; tối đa %(limit)d ký tự.")
        % {"limit": LEAD_MAX_LENGTH},
    )
    body = models.TextField(_("nội dung"), blank=True)
    # What readers see under the story; not the desk account that filed it (`author`).
    byline = models.CharField(
        _("bút danh in trên bài"),
        max_length=200,
        blank=True,
        help_text=_("Tên tác giả in cuối bài, ví dụ: Minh Anh. Bắt buộc khi xuất bản."),
    )
    source_code = models.CharField(
        _("mã nguồn tin"),
        max_length=20,
        blank=True,
        default=default_source_code,
        help_text=_("Hiện trước sapo, ví dụ (BLC). Để trống nếu không dùng."),
    )
    hero_image = models.ForeignKey(
        Image,
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(
        _("loại bài"), max_length=12, choices=Kind.choices, default=Kind.TEXT, db_index=True
    )
    # The story's own video or sound (multimedia.MediaFile): required by its kind.
    video = models.ForeignKey(
        MediaFile,
        verbose_name=_("video"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": MediaFile.Kind.VIDEO},
    )
    audio = models.ForeignKey(
        MediaFile,
        verbose_name=_("âm thanh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": MediaFile.Kind.AUDIO},
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("thời gian xuất bản"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản nhập bài"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    tags = TaggableManager(
        verbose_name=_("thẻ"),
        help_text=_("Các thẻ cách nhau bằng dấu phẩy, ví dụ: Đảng bộ, Cải cách hành chính."),
        through=TaggedArticle,
        blank=True,
    )
    related = models.ManyToManyField(
        "self",
        verbose_name=_("bài liên quan"),
        through="RelatedArticle",
        symmetrical=False,
        blank=True,
        related_name="+",
    )
    allow_comments = models.BooleanField(_("cho phép bình luận"), default=True)
    review_note = models.TextField(
        _("ghi chú của biên tập"),
        blank=True,
        editable=False,
        help_text=_("Lý do trả bài lần gần nhất, để phóng viên sửa."),
    )
    featured = models.BooleanField(_("bài nổi bật"), default=False)
    # Its place in its section's approval chain (articles/approvals/) while it waits for
    # review: the level (1 is first) and since when it has waited there; `approval_escalated`
    # once the wait passed the section's limit and the next level up was told.
    approval_level = models.PositiveSmallIntegerField(
        _("đang chờ duyệt ở cấp"), null=True, blank=True, editable=False
    )
    approval_since = models.DateTimeField(
        _("chờ ở cấp này từ"), null=True, blank=True, editable=False
    )
    approval_escalated = models.BooleanField(_("đã báo cấp trên"), default=False, editable=False)
    # Taken down on request (articles.workflow.take_down): why, when and by whom, kept with
    # the story for an inspector; the notice page at its address does not show them.
    taken_down_reason = models.TextField(_("lý do gỡ theo yêu cầu"), blank=True, editable=False)
    taken_down_at = models.DateTimeField(
        _("gỡ theo yêu cầu lúc"), null=True, blank=True, editable=False
    )
    taken_down_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gỡ theo yêu cầu"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    search_text = models.TextField(editable=False, blank=True)
    # Kept by the comments app inside the transaction that approves or removes a comment.
    comment_count = models.PositiveIntegerField(_("số bình luận"), default=0, editable=False)
    # Added to in batches from the cache, never one write per page view.
    view_count = models.PositiveIntegerField(_("lượt xem"), default=0, editable=False)
    # Optimistic locking: each save from the desk bumps it; a stale form is refused.
    version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        ordering = ["-published_at", "-pk"]
        permissions = [
            ("publish_article", _("Có thể xuất bản, hẹn giờ, gỡ và trả lại bài")),
            ("publish_breaking", _("Có thể xuất bản thẳng tin nóng, bỏ qua các cấp duyệt")),
            ("approve_at_level", _("Có thể duyệt bài ở một cấp của chuỗi duyệt")),
            ("take_down_article", _("Có thể gỡ bài theo yêu cầu (trả về 410, giữ làm bằng chứng)")),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_public_idx"),
            # /video/, /anh/, /podcast/ ...: one kind's public stories, newest first.
            models.Index(
                fields=["kind", "status", "-published_at"], name="article_kind_public_idx"
            ),
            # A section page counts and pages its stories from the index alone.
            models.Index(
                fields=["section", "status", "-published_at"], name="article_section_public_idx"
            ),
            # The desk's list at 100,000 stories: its default order, and each filter and
            # column it offers with that order.
            models.Index(fields=["-published_at", "-id"], name="article_desk_idx"),
            models.Index(fields=["section", "-published_at"], name="article_desk_section_idx"),
            models.Index(fields=["author", "-published_at"], name="article_desk_author_idx"),
            models.Index(fields=["featured", "-published_at"], name="article_desk_featured_idx"),
            models.Index(fields=["title"], name="article_desk_title_idx"),
            models.Index(fields=["-updated_at"], name="article_desk_updated_idx"),
            # "Chờ tôi duyệt": the stories waiting at a level, section by section.
            models.Index(
                fields=["approval_level", "section"],
                name="article_waiting_idx",
                condition=Q(status="pending", approval_level__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="published_has_time",
            ),
            # Any writer, the desk's form or the WordPress importer or a script.
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("lead"), LEAD_MAX_LENGTH),
                name="lead_within_limit",
                violation_error_message=_("Sapo dài tối đa %(limit)d ký tự.")
                % {"limit": LEAD_MAX_LENGTH},
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self._follow_title()
        self.normalise()
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        update_fields = kwargs.get("update_fields")
        saved = set(update_fields) if update_fields is not None else SEARCHED_FIELDS
        if self.changed_fields() & SEARCHED_FIELDS & saved:
            # A new story has no tags yet; adding them refreshes search_text (articles.signals).
            tag_names = [tag.name for tag in self.tags.all()] if self.pk else []
            self.search_text = search_document(self.title, self.lead, self.body_text, tag_names)
            if update_fields is not None:
                update_fields = {*update_fields, "search_text"}
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "updated_at"}
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None):
        # The lead's limit is its field's validator already; the check constraint (a query
        # each time) is for writers that validate nothing. No other constraint reads the lead.
        super().validate_constraints(exclude={*(exclude or ()), "lead"})

    def claim_version(self, seen: int | None = None) -> None:
        """The optimistic lock: check the edit version and take the next one, for the save.

        Every save from the desk and every workflow step calls it inside its transaction, and
        the save that follows writes `version`. `seen`, the version the editor's form was
        opened at, is checked and counted up in one statement, which also takes the row's
        lock until the transaction ends: StaleEdit if the story moved on meanwhile. Without
        `seen` (a workflow step) the stored version is locked and counted up, whatever it is,
        so a copy loaded before a newer save still moves the version past it.
        """
        stories = type(self)._base_manager.filter(pk=self.pk)
        if seen is not None:
            if not stories.filter(version=seen).update(version=seen + 1):
                raise StaleEdit(self.pk)
            self.version = seen + 1
            return
        stored = stories.select_for_update().values_list("version", flat=True).first()
        if stored is None:
            raise StaleEdit(self.pk)
        self.version = stored + 1

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug, "pk": self.pk})

    def _follow_title(self) -> None:
        """Until first published, a retitled story's slug is made again from the new title.

        Only a slug made from the old title follows: one typed by hand stays. Once published
        (or scheduled) the slug is fixed; a changed one redirects by the story's id.
        """
        stored = self.as_loaded("title", "slug", "status", "published_at")
        if stored is None:
            return
        title, slug, status, published_at = stored.values()
        unpublished = status in (self.Status.DRAFT, self.Status.PENDING) and (
            published_at is None or published_at > timezone.now()
        )
        # As articles.models.sections.unique_slug makes it: the title's slug, maybe numbered.
        base = slugify(title, max_length=192) or "bai-viet"
        made_from_title = re.fullmatch(rf"{re.escape(base)}(-\d+)?", slug or "")
        if unpublished and made_from_title and self.slug == slug and self.title != title:
            self.slug = ""

    def normalise(self) -> None:
        """Text without control characters, a sanitised body, a slug our URLs can carry."""
        self.title = clean_text(self.title).strip()
        self.lead = clean_text(self.lead).strip()
        self.byline = clean_name(self.byline)
        self.source_code = clean_name(self.source_code)
        self.body = clean_html(clean_text(self.body))
        self.slug = normal_slug(self, self.title, fallback="bai-viet")

    @property
    def body_text(self) -> str:
        """The body's words, a space where a paragraph, heading, item or caption ends."""
        return strip_tags(_BLOCK_END.sub(r"\g<0> ", self.body))

    @property
    def state(self) -> str:
        """The desk's state (`State`): as `Article.objects.in_state` would find the story now."""
        return state_of(self.status, self.published_at)

    @property
    def is_public(self) -> bool:
        return self.state == State.PUBLISHED

    @property
    def is_scheduled(self) -> bool:
        return self.state == State.SCHEDULED

    @property
    def lead_with_code(self) -> str:
        return f"({self.source_code}) - {self.lead}" if self.source_code else self.lead

    @property
    def excerpt(self) -> str:
        return excerpt(self.lead_with_code, limit=200)


class RelatedArticle(models.Model):
    """An editor's choice of related story, in the order the editor set."""

    from_article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="related_links"
    )
    to_article = models.ForeignKey(
        Article,
        verbose_name=_("bài liên quan"),
        on_delete=models.CASCADE,
        related_name="chosen_as_related",
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("bài liên quan")
        verbose_name_plural = _("bài liên quan")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["from_article", "to_article"], name="unique_related"),
            models.CheckConstraint(
                condition=~Q(from_article=models.F("to_article")), name="related_not_self"
            ),
        ]

    def __str__(self):
        return str(self.to_article)


class ShareLink(models.Model):
    """A signed, expiring, revocable link that shows one story, unpublished included."""

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="share_links"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("liên kết xem trước")
        verbose_name_plural = _("liên kết xem trước")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.article} ({self.expires_at:%d/%m/%Y %H:%M})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
