"""The reader's comment form, with its spam defences."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from newsroom.vietnamese import clean_name, clean_text

from . import moderation, questions, spam
from .models import BODY_MAX_LENGTH, NAME_MAX_LENGTH, Comment
from .names import passes_for_newsroom


class HoneypotInput(forms.TextInput):
    """The trap field, always rendered empty: a form sent back with errors does not echo it."""

    def format_value(self, value):
        return ""


class PlainTextField(forms.CharField):
    """Text in NFC, without control characters, browser line endings (\\r\\n) counted as one."""

    def to_python(self, value):
        value = super().to_python(value)
        # No keyboard types a NUL byte: it is left for the validator to refuse with its message.
        return value if "\x00" in value else clean_text(value)


def _limits(label: str, limit: int) -> dict[str, str]:
    return {
        "required": f"Vui lòng nhập {label}.",
        "max_length": f"{label.capitalize()} dài tối đa {limit:,} ký tự"
        " (bạn đã nhập %(show_value)d).".replace(",", "."),
        "null_characters_not_allowed": f"{label.capitalize()} chứa ký tự không hợp lệ.",
    }


EMAIL_USE = (
    "Email chỉ để tòa soạn liên hệ khi cần, không hiện trên trang và được xóa sau {days} ngày."
)


class CommentForm(forms.Form):
    name = PlainTextField(
        label="Họ và tên",
        max_length=NAME_MAX_LENGTH,
        help_text=f"Tối đa {NAME_MAX_LENGTH} ký tự.",
        error_messages=_limits("họ và tên", NAME_MAX_LENGTH),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Email",
        max_length=254,
        help_text="Không hiển thị công khai.",
        error_messages={
            **_limits("email", 254),
            "invalid": "Địa chỉ email không hợp lệ, ví dụ: ten@example.com.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    body = PlainTextField(
        label="Nội dung bình luận",
        max_length=BODY_MAX_LENGTH,
        help_text=f"Tối đa {BODY_MAX_LENGTH:,} ký tự.".replace(",", "."),
        error_messages=_limits("nội dung bình luận", BODY_MAX_LENGTH),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    parent = forms.IntegerField(
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": "Bình luận bạn muốn trả lời không hợp lệ."},
    )
    # Honeypot: hidden from people, filled in by robots that fill in every field.
    website = forms.CharField(
        label="Để trống ô này",
        required=False,
        widget=HoneypotInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    token = forms.CharField(required=False, widget=forms.HiddenInput)
    # Only on a live Q&A (giao lưu trực tuyến): the comment is a question for the guests.
    question = forms.BooleanField(label="Gửi như câu hỏi cho khách mời", required=False)

    def __init__(self, article, *args, **kwargs):
        self.article = article
        self.parent_comment = None
        super().__init__(*args, **kwargs)
        # How the email is used, in one line (Nghị định 13/2023): comments/personal_data.py.
        self.fields["email"].help_text = EMAIL_USE.format(days=settings.COMMENT_PERSONAL_DAYS)
        # Rendered in place of what was sent: every showing of the form, also one with
        # errors, carries a fresh timestamp and an empty honeypot.
        self.fresh_token = spam.make_token(article.pk)
        self.nonce = ""
        if not questions.takes_questions(article):
            del self.fields["question"]

    def clean_name(self):
        name = clean_name(self.cleaned_data["name"])
        if not name:
            raise ValidationError(
                "Họ và tên chỉ gồm ký tự không nhìn thấy. Vui lòng nhập tên của bạn.",
                code="invisible_name",
            )
        if passes_for_newsroom(name):
            raise ValidationError(
                "Tên này dành cho tòa soạn. Vui lòng ký tên của riêng bạn.", code="newsroom_name"
            )
        return name

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(
                "Ô này phải để trống. Vui lòng xóa nội dung trong ô rồi gửi lại.",
                code="honeypot",
            )
        return ""

    def clean_parent(self):
        parent_id = self.cleaned_data.get("parent")
        if parent_id is None:
            return None
        parent = (
            Comment.objects.approved()
            .filter(pk=parent_id, article=self.article)
            .select_related("parent")
            .first()
        )
        if parent is None:
            raise ValidationError(
                "Bình luận bạn muốn trả lời không có trong bài viết này.", code="bad_parent"
            )
        # One level of replies: answering a reply joins its thread.
        self.parent_comment = parent.parent if parent.parent_id else parent
        return self.parent_comment.pk

    def clean(self):
        cleaned = super().clean()
        try:
            self.nonce = spam.check_token(cleaned.get("token", ""), self.article.pk)
        except spam.TokenError as error:
            raise ValidationError(error.message, code=error.code) from None
        return cleaned

    def save(self, *, ip_address: str | None, user_agent: str, origin: str = "") -> Comment:
        """Store the comment with the fate moderation decides for it (moderation.submit)."""
        data = self.cleaned_data
        return moderation.submit(
            self.article,
            parent=self.parent_comment,
            name=data["name"],
            email=data["email"],
            body=data["body"],
            ip_address=ip_address,
            user_agent=user_agent,
            form_token=self.nonce or None,
            origin=origin,
            is_question=bool(data.get("question")),
        )

    def same_comment(self, comment: Comment) -> bool:
        """Whether `comment` is what this form says (a second click or a retry of it)."""
        data = self.cleaned_data
        return (
            comment.article_id == self.article.pk
            and comment.parent_id == (self.parent_comment.pk if self.parent_comment else None)
            and comment.name == data["name"]
            and comment.body == data["body"].strip()
        )
