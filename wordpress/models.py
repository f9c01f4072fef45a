"""What an import from WordPress left behind: which object each WordPress id became, old links."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Section, Tag

from .links import key_for_url


def on_this_site(url: str) -> bool:
    r"""Whether `url` is a path of this site: one leading `/`, no scheme, no host.

    `//evil.example/x`, `/\evil.example` and `/<tab>/evil.example` lead browsers off-site.
    """
    return (
        url.startswith("/")
        and not url.startswith(("//", "/\\"))
        and not any(ord(character) < 32 or ord(character) == 127 for character in url)
        and url_has_allowed_host_and_scheme(url, allowed_hosts=set())
    )


class ImportedItem(models.Model):
    """A WordPress object (by site, kind and WordPress id) and the object it became here.

    Re-running an import finds its objects through this table, so it updates them instead of
    making copies. `digest` is the fingerprint of what was written: the same fingerprint on a
    later run means nothing changed and nothing is written.
    """

    class Kind(models.TextChoices):
        POST = "post", _("bài viết")
        CATEGORY = "category", _("chuyên mục")
        TAG = "tag", _("thẻ")
        ATTACHMENT = "attachment", _("ảnh")
        COMMENT = "comment", _("bình luận")

    site = models.CharField(_("trang WordPress"), max_length=200)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    # A post or comment id; a term id, or "slug:<nicename>" in WXR 1.0 which has no term ids.
    wp_id = models.CharField(_("mã WordPress"), max_length=220)
    object_id = models.PositiveBigIntegerField(_("mã ở đây"))
    digest = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(_("nhập lúc"), auto_now=True)

    class Meta:
        verbose_name = _("mục đã nhập từ WordPress")
        verbose_name_plural = _("mục đã nhập từ WordPress")
        ordering = ["site", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["site", "kind", "wp_id"], name="unique_wp_item")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.wp_id} ({self.site})"


class OldLink(models.Model):
    """An address of the old site that answers with a 301 to where its content lives now.

    The target is an object, not a fixed address, so a later change of slug still lands.
    """

    path = models.CharField(
        _("đường dẫn cũ"),
        max_length=500,
        unique=True,
        help_text=_("Ví dụ /2015/03/17/ten-bai/ hoặc /?p=123; dán cả địa chỉ cũ cũng được."),
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("bài viết"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("chuyên mục"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    tag = models.ForeignKey(
        Tag,
        verbose_name=_("thẻ"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    url = models.CharField(
        _("địa chỉ mới"),
        max_length=500,
        blank=True,
        help_text=_("Chỉ điền khi không chọn bài viết, chuyên mục hay thẻ. Ví dụ /the/bau-cu/."),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("đường dẫn cũ")
        verbose_name_plural = _("đường dẫn cũ (chuyển hướng 301)")
        ordering = ["path"]

    def __str__(self):
        return self.path

    def save(self, *args, **kwargs):
        # Written the way the middleware looks it up: "http://old.vn/a/b/" is "/a/b".
        self.path = key_for_url(self.path) or self.path
        super().save(*args, **kwargs)

    def clean(self):
        if self.path and key_for_url(self.path) is None:
            raise ValidationError(
                {"path": _("Đường dẫn cũ không được là trang chủ “/”.")}, code="home"
            )
        targets = [t for t in (self.article_id, self.section_id, self.tag_id, self.url) if t]
        if len(targets) != 1:
            raise ValidationError(
                _("Chọn đúng một đích: một bài viết, một chuyên mục, một thẻ hoặc một địa chỉ."),
                code="one_target",
            )
        if self.url and not on_this_site(self.url):
            message = _(
                "Địa chỉ mới phải là một trang của báo, bắt đầu bằng một dấu “/”, "
                "ví dụ /the/bau-cu/."
            )
            raise ValidationError({"url": ValidationError(message, code="off_site")})

    def target_url(self) -> str | None:
        """Where the link leads now; None when its story is not public (then it is a 404)."""
        if self.article_id:
            return self.article.get_absolute_url() if self.article.is_public else None
        if self.section_id:
            return self.section.get_absolute_url()
        if self.tag_id:
            return self.tag.get_absolute_url()
        # Checked again here: a row written round the form never sends a reader off-site.
        return self.url if self.url and on_this_site(self.url) else None
