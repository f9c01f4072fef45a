"""The people behind the stories: who wrote, photographed, filmed, drew, translated, edited.

A byline used to be free text; a paper pays nhuận bút to each person for each piece, so the
people are records (`Person`), a story lists its `Contributor`s with their role and the pen
name to print, and `Article.byline` is made from the text writers' pen names (articles/people/
byline.py) whenever a story has contributors, so feeds, JSON-LD and the page keep reading it.

Contact and bank details are on the person but shown only to those who pay (the permission
`see_payment`, held by the editor-in-chief and Kế toán); the rates and grades of the nhuận bút
live in `RoyaltyRate` and `Grading`.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsroom.vietnamese import clean_name, slugify

from .pictures import Image
from .stories import Article

# Story kinds are not a thing yet: every story is "bài viết" until they are (see kind_of).
DEFAULT_KIND = "bai-viet"
KINDS = [(DEFAULT_KIND, _("Bài viết"))]


def kind_of(article) -> str:
    """The royalty kind of `article`: the one hook where story kinds will plug in."""
    return getattr(article, "royalty_kind", "") or DEFAULT_KIND


class Person(models.Model):
    class Kind(models.TextChoices):
        STAFF = "staff", _("Phóng viên, biên tập viên của báo")
        COLLABORATOR = "ctv", _("Cộng tác viên")

    name = models.CharField(_("họ tên"), max_length=200)
    pen_name = models.CharField(
        _("bút danh chính"), max_length=200, help_text=_("Tên in trên bài, ví dụ: Minh Anh.")
    )
    other_pen_names = models.TextField(
        _("bút danh khác"), blank=True, help_text=_("Mỗi dòng một bút danh.")
    )
    slug = models.SlugField(_("đường dẫn"), max_length=200, unique=True, blank=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.STAFF)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản tòa soạn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    bio = models.TextField(_("giới thiệu ngắn"), blank=True, max_length=1000)
    photo = models.ForeignKey(
        Image,
        verbose_name=_("ảnh chân dung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    listed = models.BooleanField(
        _("có trang tác giả"),
        default=True,
        help_text=_(
            "Bỏ chọn nếu người này không muốn có trang riêng: bút danh in không có liên kết."
        ),
    )
    active = models.BooleanField(_("đang cộng tác"), default=True)
    # Payment: shown only with `see_payment` (articles/people/payment.py).
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    tax_code = models.CharField(_("mã số thuế"), max_length=20, blank=True)
    id_number = models.CharField(_("số CCCD"), max_length=20, blank=True)
    bank_account = models.CharField(_("số tài khoản"), max_length=40, blank=True)
    bank_name = models.CharField(_("ngân hàng, chi nhánh"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("hồ sơ người làm bài")
        verbose_name_plural = _("hồ sơ người làm bài, cộng tác viên")
        ordering = ["pen_name", "pk"]
        permissions = [
            ("see_payment", _("Có thể xem liên hệ, tài khoản ngân hàng và nhuận bút")),
        ]

    def __str__(self):
        return self.pen_name if self.pen_name == self.name else f"{self.pen_name} ({self.name})"

    def save(self, *args, **kwargs):
        self.name = clean_name(self.name)
        self.pen_name = clean_name(self.pen_name) or self.name
        if not self.slug:
            self.slug = unique_person_slug(self.pen_name, exclude=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:author", kwargs={"slug": self.slug})

    @property
    def pen_names(self) -> list[str]:
        others = [clean_name(line) for line in self.other_pen_names.splitlines()]
        return list(dict.fromkeys([self.pen_name, *filter(None, others)]))


def unique_person_slug(name: str, exclude=None) -> str:
    base = slugify(name, max_length=190) or "tac-gia"
    slug, number = base, 1
    taken = Person.objects.exclude(pk=exclude) if exclude else Person.objects.all()
    while taken.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def same_name(text: str) -> str:
    """The key two spellings of one name share: NFC, case and spacing ignored, diacritics kept."""
    return " ".join(clean_name(text).casefold().split())


class Role(models.TextChoices):
    TEXT = "viet", _("Viết")
    PHOTO = "anh", _("Ảnh")
    VIDEO = "video", _("Video")
    GRAPHICS = "do-hoa", _("Đồ họa")
    TRANSLATION = "dich", _("Dịch")
    EDITING = "bien-tap", _("Biên tập")


class Contributor(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="contributors", verbose_name=_("bài")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("người")
    )
    role = models.CharField(_("vai trò"), max_length=10, choices=Role.choices, default=Role.TEXT)
    pen_name = models.CharField(
        _("bút danh in"), max_length=200, blank=True, help_text=_("Để trống: bút danh chính.")
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    share = models.PositiveSmallIntegerField(
        _("phần nhuận bút (%)"), default=100, help_text=_("Phần của người này trong mức nhuận bút.")
    )

    class Meta:
        verbose_name = _("người làm bài")
        verbose_name_plural = _("người làm bài")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "person", "role"], name="one_role_per_person_per_story"
            ),
            models.CheckConstraint(condition=models.Q(share__lte=100), name="share_at_most_all"),
        ]

    def __str__(self):
        return f"{self.printed_name} ({self.get_role_display()})"

    @property
    def printed_name(self) -> str:
        return clean_name(self.pen_name) or self.person.pen_name


class RoyaltyRate(models.Model):
    """What a piece of one kind pays one role at one grade, in đồng (the editor-in-chief's)."""

    kind = models.CharField(_("loại bài"), max_length=40, choices=KINDS, default=DEFAULT_KIND)
    role = models.CharField(_("vai trò"), max_length=10, choices=Role.choices)
    grade = models.CharField(_("hạng"), max_length=10)
    amount = models.PositiveIntegerField(_("mức (đồng)"))

    class Meta:
        verbose_name = _("mức nhuận bút")
        verbose_name_plural = _("bảng nhuận bút")
        ordering = ["kind", "role", "grade"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "role", "grade"], name="one_rate_per_cell"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.get_role_display()} – {self.grade}"


class Grading(models.Model):
    """The grade a story was given when approved (A, B, C or the paper's own)."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, related_name="grading", verbose_name=_("bài")
    )
    grade = models.CharField(_("hạng"), max_length=10)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    graded_at = models.DateTimeField(_("lúc chấm"), auto_now=True)

    class Meta:
        verbose_name = _("hạng nhuận bút")
        verbose_name_plural = _("hạng nhuận bút")

    def __str__(self):
        return self.grade
