"""Reader comments on stories, and the words that send a comment straight to spam."""

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.vietnamese import clean_name, clean_text

NAME_MAX_LENGTH = 100
BODY_MAX_LENGTH = 3000
# An IPv4 address or an IPv6 /64 (comments/ratelimit.py `network`).
NETWORK_MAX_LENGTH = 45


class CommentQuerySet(models.QuerySet):
    def approved(self):
        # A reader's question to a live Q&A's guest is shown with its answer, not in the thread.
        return self.filter(status=Comment.Status.APPROVED, is_question=False)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def reported(self):
        """Comments with readers' reports no moderator has answered yet.

        An approval answers the reports before it (comments/reactions.py); a comment the reports
        sent back to the queue waits with them; rejecting it or marking it spam answers them.
        """
        unanswered = CommentReport.objects.filter(
            Q(comment__status=Comment.Status.PENDING)
            | Q(comment__status=Comment.Status.APPROVED)
            & (Q(comment__moderated_at__isnull=True) | Q(created_at__gt=F("comment__moderated_at")))
        )
        return self.filter(pk__in=unanswered.values("comment_id"))

    def visible(self):
        """Approved comments a reader can see: top-level ones, and replies to shown ones."""
        return self.approved().filter(
            Q(parent__isnull=True) | Q(parent__status=Comment.Status.APPROVED)
        )


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt")
        REJECTED = "rejected", _("Từ chối")
        SPAM = "spam", _("Spam")

    # A comment belongs to its story: deleting the story deletes its comments (the admin's
    # confirmation page lists them first). Editors unpublish a story to hide it and keep them.
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trả lời cho"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    name = models.CharField(_("tên"), max_length=NAME_MAX_LENGTH)
    # Blank once cleared (comments/personal_data.py): the comment stays, signed with its name.
    email = models.EmailField(_("email"), blank=True)
    body = models.TextField(_("nội dung"), max_length=BODY_MAX_LENGTH)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("gửi lúc"), default=timezone.now, editable=False)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    user_agent = models.CharField(_("trình duyệt"), max_length=500, blank=True)
    spam_reason = models.CharField(_("lý do đánh dấu spam"), max_length=200, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người kiểm duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("kiểm duyệt lúc"), null=True, blank=True)
    # The nonce of the form it came from: unique, so one form can never store two comments,
    # even when the cache that remembers used forms is down. None for comments not from a form.
    form_token = models.CharField(
        _("mã biểu mẫu"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    # A reply the paper itself wrote from the moderation queue (comments/moderation.py).
    by_newsroom = models.BooleanField(_("của ban biên tập"), default=False, editable=False)
    # A question to a live Q&A's guests (comments/questions.py): picked for a guest, answered
    # at the desk as a live entry.
    is_question = models.BooleanField(_("câu hỏi"), default=False, editable=False)
    question_guest = models.ForeignKey(
        "articles.LiveGuest",
        verbose_name=_("hỏi khách mời"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    answer_entry = models.OneToOneField(
        "articles.LiveEntry",
        verbose_name=_("câu trả lời"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="question_comment",
    )
    # Kept with the comment so threads sort by it; the likes themselves are CommentLike rows.
    like_count = models.PositiveIntegerField(_("lượt thích"), default=0, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("bình luận")
        verbose_name_plural = _("bình luận")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_thread_idx"),
            models.Index(fields=["status", "-created_at"], name="comment_queue_idx"),
            # The moderation list at a million comments: its pending-first order, its newest
            # first (the story filter's choices) and each column it sorts by.
            models.Index(
                Case(
                    When(status="pending", then=Value(0)),
                    default=Value(1),
                    output_field=models.IntegerField(),
                ),
                F("created_at").desc(),
                F("id").desc(),
                name="comment_pending_first_idx",
            ),
            models.Index(fields=["-created_at", "-id"], name="comment_newest_idx"),
            # A column clicked in the admin sorts by it, then newest first (CommentAdmin).
            models.Index(fields=["name", "-created_at", "-id"], name="comment_name_idx"),
            models.Index(fields=["ip_address", "-created_at", "-id"], name="comment_ip_idx"),
        ]

    def __str__(self):
        return f"{self.name}: {self.body[:60]}"

    def save(self, *args, **kwargs):
        self.normalise()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#binh-luan-{self.pk}"

    def normalise(self) -> None:
        self.name = clean_name(self.name)
        self.body = clean_text(self.body).strip()


class CommentLike(models.Model):
    """One browser's like of one comment (comments/reactions.py)."""

    comment = models.ForeignKey(
        Comment, verbose_name=_("bình luận"), on_delete=models.CASCADE, related_name="likes"
    )
    browser = models.CharField(_("mã trình duyệt"), max_length=32)
    network = models.CharField(_("mạng"), max_length=NETWORK_MAX_LENGTH, blank=True, default="")
    created_at = models.DateTimeField(_("lúc"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("lượt thích")
        verbose_name_plural = _("lượt thích")
        constraints = [
            models.UniqueConstraint(fields=["comment", "browser"], name="one_like_per_browser")
        ]
        # A network's recent likes: its limit when the cache is down, one like of a comment.
        indexes = [models.Index(fields=["network", "created_at"], name="like_network_idx")]

    def __str__(self):
        return f"{self.browser} → {self.comment_id}"


class CommentReport(models.Model):
    """A reader's report that a comment breaks the rules, with the reason they picked."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Quảng cáo, spam")
        OFFENSIVE = "offensive", _("Xúc phạm, thô tục")
        OFF_TOPIC = "off_topic", _("Không liên quan đến bài viết")
        OTHER = "other", _("Lý do khác")

    comment = models.ForeignKey(
        Comment, verbose_name=_("bình luận"), on_delete=models.CASCADE, related_name="reports"
    )
    browser = models.CharField(_("mã trình duyệt"), max_length=32)
    reason = models.CharField(_("lý do"), max_length=20, choices=Reason.choices)
    network = models.CharField(_("mạng"), max_length=NETWORK_MAX_LENGTH, blank=True, default="")
    created_at = models.DateTimeField(_("lúc"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("báo vi phạm")
        verbose_name_plural = _("báo vi phạm")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["comment", "browser"], name="one_report_per_browser")
        ]
        # A network's recent reports: its limit when the cache is down.
        indexes = [models.Index(fields=["network", "created_at"], name="report_network_idx")]

    def __str__(self):
        return f"{self.get_reason_display()} → {self.comment_id}"


class BlockedWord(models.Model):
    """A word or phrase that sends a comment containing it straight to spam."""

    word = models.CharField(_("từ bị chặn"), max_length=100, unique=True)
    created_at = models.DateTimeField(_("thêm lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("từ bị chặn")
        verbose_name_plural = _("từ bị chặn")
        ordering = ["word"]

    def __str__(self):
        return self.word

    def save(self, *args, **kwargs):
        self.word = clean_name(self.word).casefold()
        super().save(*args, **kwargs)


class Erasure(models.Model):
    """One erasure of a reader's personal data on request (comments/personal_data.py).

    The email itself is not kept, only a keyed hash of it (`personal_data.email_hash`): the
    log proves the request was met, and a moderator asked again can check the same address
    was erased, without the log holding what was erased.
    """

    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("lúc"), default=timezone.now)
    email_hash = models.CharField(_("mã băm của email"), max_length=64, db_index=True)
    comment_count = models.PositiveIntegerField(_("số bình luận"))
    kept = models.BooleanField(
        _("giữ bình luận"),
        help_text=_("Giữ bình luận, chỉ xóa email và IP; nếu không: xóa bình luận."),
    )

    class Meta:
        verbose_name = _("lần xóa dữ liệu cá nhân")
        verbose_name_plural = _("nhật ký xóa dữ liệu cá nhân")
        ordering = ["-at", "-pk"]
        permissions = [
            ("erase_personal_data", _("Có thể xóa dữ liệu cá nhân của bạn đọc theo yêu cầu")),
        ]

    def __str__(self):
        return f"{self.email_hash[:12]}… ({self.comment_count})"
