"""Sections and tags, with the slugs readers reach them by and their old slugs."""

import logging

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.models import ItemBase, TagBase

from newsroom.vietnamese import clean_name, slugify

logger = logging.getLogger(__name__)


def normal_slug(instance: models.Model, source: str, fallback: str, max_length: int = 200) -> str:
    """`instance.slug` if it already follows our rule, else a unique one made from `source`.

    Every way of writing a row (admin, shell, importer, loaddata) passes here, so no stored slug
    can fail to fit the URL patterns (`[-a-z0-9]+`).
    """
    current = instance.slug or ""
    if current and slugify(current, max_length=max_length) == current:
        return current
    return unique_slug(instance, current if slugify(current) else source, fallback, max_length)


def unique_slug(instance: models.Model, source: str, fallback: str, max_length: int = 200) -> str:
    """Slug `source` by the Vietnamese rule, suffixed -2, -3... until unused in the table."""
    base = slugify(source, max_length=max_length - 8) or fallback
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    slug, n = base, 1
    while others.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class SectionQuerySet(models.QuerySet):
    def for_nav(self):
        """Visible sections in menu order, parents before their children."""
        return self.filter(in_nav=True).select_related("parent").order_by("position", "name")


class Section(models.Model):
    name = models.CharField(_("tên"), max_length=100)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("chuyên mục cha"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.TextField(_("mô tả"), blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    in_nav = models.BooleanField(_("hiện trên menu"), default=True)
    # The approval chain (articles/approvals/): its levels are ApprovalLevel rows.
    heads = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trưởng ban"),
        blank=True,
        related_name="headed_sections",
        help_text=_("Người duyệt cấp “Trưởng ban” cho chuyên mục này và các chuyên mục con."),
    )
    approval_limit_minutes = models.PositiveIntegerField(
        _("thời hạn chờ mỗi cấp (phút)"),
        null=True,
        blank=True,
        help_text=_(
            "Bài chờ ở một cấp lâu hơn thế này thì báo cấp trên. Để trống: theo chuyên mục cha,"
            " hoặc mặc định của tòa soạn."
        ),
    )

    objects = SectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")
        ordering = ["position", "name"]

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def save(self, *args, **kwargs):
        self.normalise()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})

    def normalise(self) -> None:
        """Clean the name and make the slug one our URLs can carry, whoever wrote them."""
        self.name = clean_name(self.name)
        self.slug = normal_slug(self, self.name, fallback="chuyen-muc", max_length=120)


class SlugHistory(models.Model):
    """A slug a row used to have: its old address redirects to the current one.

    Each subclass names the row (a foreign key with `related_name="old_slugs"`) and its `slug`,
    as long as the row's own.
    """

    changed_at = models.DateTimeField(_("đổi lúc"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.slug


class SectionSlugHistory(SlugHistory):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="old_slugs")
    slug = models.SlugField(_("đường dẫn cũ"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("đường dẫn cũ của chuyên mục")
        verbose_name_plural = _("đường dẫn cũ của chuyên mục")


class Tag(TagBase):
    """A taggit tag whose slug follows the Vietnamese rule ("Đảng bộ" -> "dang-bo")."""

    class Meta:
        verbose_name = _("thẻ")
        verbose_name_plural = _("thẻ")
        ordering = ["name"]

    def save(self, *args, **kwargs):
        self.normalise()
        super().save(*args, **kwargs)

    def slugify(self, tag, i=None):
        slug = slugify(tag) or "the"
        return f"{slug}-{i}" if i is not None else slug

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})

    def normalise(self) -> None:
        """Clean the name; a slug typed in the admin (taggit allows "đảng-bộ") follows our rule."""
        self.name = clean_name(self.name)
        # A new tag without a slug gets one from taggit, through `slugify` below.
        if self.slug or self.pk:
            self.slug = normal_slug(self, self.name, fallback="the", max_length=100)


class TagSlugHistory(SlugHistory):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="old_slugs")
    slug = models.SlugField(_("đường dẫn cũ"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("đường dẫn cũ của thẻ")
        verbose_name_plural = _("đường dẫn cũ của thẻ")


class TaggedArticle(ItemBase):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("thẻ của bài")
        verbose_name_plural = _("thẻ của bài")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag")
        ]
