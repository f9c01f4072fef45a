"""Forms of the editors' desk: the story form (rich text, locking) and the picture upload."""

import copy

from django import forms
from django.contrib.admin import widgets as admin_widgets
from django.db.models import Q
from django.urls import reverse, reverse_lazy
from django_prose_editor.widgets import AdminProseEditorWidget

from newsroom import embeds

from . import body_images, uploads
from .kinds import requirements as kind_requirements
from .models import Article, Image, Tag

TIME_ZONE_LABEL = "Giờ Việt Nam (GMT+7)"

# What the body editor can make; newsroom.sanitize allows exactly this (tested), so nothing
# an editor makes is lost when the body is cleaned on save.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    # Code (inline) and code blocks (<pre><code>): imported stories have them (wordpress/).
    "Code": True,
    "CodeBlock": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "Figure": {"pickerUrl": reverse_lazy("admin:articles_image_picker")},
    "Image": True,
    "Caption": True,
    # static/articles/prose/figure_exit.js: typing after a picture never lands in its caption.
    "FigureExit": True,
    # static/articles/prose/embed.js: a provider's URL alone in a paragraph (newsroom.embeds).
    "Embed": embeds.editor_options(),
    # prose-editor turns the browser's spelling check off by default; a newsroom wants it.
    "NoSpellCheck": False,
}


class VietnamSplitDateTime(admin_widgets.AdminSplitDateTime):
    """The admin's date and time boxes, saying which clock the time is on."""

    template_name = "articles/widgets/split_datetime_vn.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["time_zone_label"] = TIME_ZONE_LABEL
        return context


class ArticleForm(forms.ModelForm):
    # The story's version when the form was opened: a save from an older one is refused.
    edit_version = forms.IntegerField(
        label="Phiên bản đang sửa", widget=forms.HiddenInput, min_value=0
    )

    class Meta:
        model = Article
        fields = [
            "title",
            "kind",
            "section",
            "lead",
            "body",
            "byline",
            "tags",
            "hero_image",
            "video",
            "audio",
            "published_at",
            "featured",
            "allow_comments",
            "source_code",
            "slug",
        ]
        widgets = {
            "body": AdminProseEditorWidget(
                config={"extensions": EDITOR_EXTENSIONS}, preset="configurable"
            ),
            # Its limit and help are the model's (Article.lead): the form says them, the
            # counter in article_desk.js counts down from `maxlength`.
            "lead": forms.Textarea(attrs={"rows": 4, "data-counter": "lead"}),
            "published_at": VietnamSplitDateTime,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edit_version"].initial = self.instance.version
        if "kind" in self.fields:
            self.fields["kind"].required = False
        if "tags" in self.fields:
            # Wide, and offering the tags that exist (static/admin/js/tag_suggest.js).
            self.fields["tags"].widget.attrs.update(
                {
                    "class": "vTextField desk-tags",
                    "autocomplete": "off",
                    "data-suggest-url": reverse("admin:articles_article_tags"),
                }
            )
        if "published_at" in self.fields:
            self.fields["published_at"].help_text = (
                f"{TIME_ZONE_LABEL}. Ngày viết trước tháng: 03/02/2015 là ngày 3 tháng 2. "
                "Một thời điểm trong tương lai là hẹn giờ: bài tự lên trang đúng giờ đó."
            )

    def clean_kind(self):
        # A post without the box (a script, an older form) keeps the story's kind.
        return self.cleaned_data.get("kind") or self.instance.kind

    def clean_tags(self):
        # Longer than the column: a 500 on PostgreSQL, and the form lost with it.
        names = self.cleaned_data.get("tags") or []
        longest = Tag._meta.get_field("name").max_length
        too_long = [name for name in names if len(name) > longest]
        if too_long:
            raise forms.ValidationError(
                f"Mỗi thẻ dài tối đa {longest} ký tự; thẻ “{too_long[0][:40]}…” dài "
                f"{len(too_long[0])} ký tự.",
                code="tag_too_long",
            )
        return names

    def clean_body(self):
        return body_images.link_body_images(
            self.cleaned_data.get("body", ""),
            lambda ids, names: Image.objects.filter(Q(pk__in=ids) | Q(file__in=names)),
        )

    def clean(self):
        """Refuse a form opened at an older version than the story this request loaded.

        Reads nothing and writes nothing: ArticleAdmin.save_model checks again as it saves
        (`Article.claim_version`), for a save another editor commits in between.
        """
        cleaned = super().clean()
        submitted = cleaned.get("edit_version")
        if self.instance.pk and submitted is not None and submitted != self.instance.version:
            raise stale_error()
        self.check_kind(cleaned)
        return cleaned

    def check_kind(self, cleaned: dict) -> None:
        """Say beside each field what the story's kind still lacks, when the rules apply.

        They apply from review on (articles/kinds/requirements.py); the photo story's pictures
        are the gallery inline's to check (articles/kinds/admin.py).
        """
        step = kind_requirements.step_of(self.data)
        if "kind" not in cleaned or not kind_requirements.applies(self.instance.status, step):
            return
        story = copy.copy(self.instance)
        for name in ("kind", "video", "audio", "hero_image", "body"):
            if name in cleaned:
                setattr(story, name, cleaned[name])
        gaps = kind_requirements.missing(story, pictures=())
        for name, message in gaps.items():
            if name in self.fields and name in cleaned:
                self.add_error(name, forms.ValidationError(message, code="kind_incomplete"))


def stale_error() -> forms.ValidationError:
    return forms.ValidationError(
        "Bài này vừa được người khác lưu (hoặc đổi trạng thái) sau khi bạn mở nó, "
        "nên bản của bạn chưa được lưu để không ghi đè lên thay đổi của họ. "
        "Nội dung bạn gõ vẫn còn trong biểu mẫu dưới đây: hãy sao chép phần cần "
        "giữ, mở lại bài trong thẻ mới để xem bản mới nhất, rồi gộp lại.",
        code="stale",
    )


class RestoreLiveForm(ArticleForm):
    """The story form on the revision page of a live story: restoring asks for a tick."""

    restore_live = forms.BooleanField(
        label=(
            "Bài đang đăng: khôi phục sẽ thay nội dung bạn đọc đang xem. "
            "Tôi hiểu và muốn đưa bản này lên trang ngay."
        ),
        error_messages={
            "required": (
                "Bài đang đăng nên chưa khôi phục: hãy xem các thay đổi ở trên rồi đánh dấu ô "
                "xác nhận nếu muốn đưa bản này lên trang. Chưa có gì thay đổi."
            )
        },
    )


class RecoverLiveForm(RestoreLiveForm):
    """The form on the recover page of a story deleted while live: it comes back live at once."""

    restore_live = forms.BooleanField(
        label=(
            "Bài này bị xóa khi đang đăng: khôi phục sẽ đưa bài lên trang ngay, bạn đọc xem "
            "được. Tôi hiểu và muốn khôi phục bài."
        ),
        error_messages={
            "required": (
                "Chưa khôi phục: bài sẽ lên trang ngay khi khôi phục. Hãy xem nội dung ở trên "
                "rồi đánh dấu ô xác nhận nếu muốn đưa bài trở lại trang. Chưa có gì thay đổi."
            )
        },
    )


class SendBackForm(forms.Form):
    note = forms.CharField(
        label="Lý do trả bài",
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        max_length=2000,
        help_text="Phóng viên sẽ nhận ghi chú này qua email và trong trang quản trị.",
        error_messages={"required": "Hãy ghi lý do trả bài để phóng viên biết cần sửa gì."},
    )


class PictureField(forms.FileField):
    """A picture upload checked and cleaned by articles.uploads before anything is stored."""

    widget = forms.ClearableFileInput(attrs={"accept": uploads.ACCEPT})

    def to_python(self, data):
        data = super().to_python(data)
        return None if data is None else uploads.clean_upload(data)


class ImageForm(forms.ModelForm):
    file = PictureField(
        label="Tệp ảnh",
        help_text=f"Ảnh {uploads.accepted_formats()}. Ảnh được xoay đúng chiều và bỏ thông tin "
        "vị trí (GPS), máy ảnh trước khi lưu.",
    )

    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit"]
        widgets = {"caption": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        """Store a new upload now, while a failure can still be said next to the field.

        A disk that is full (or an object store that refuses) would otherwise fail the save
        after validation: a 500 that loses the alt text and caption, with a truncated file
        left behind. Here the journalist gets the form back with what they typed, and no file.
        """
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload and not self.errors and not getattr(upload, "_committed", False):
            try:
                cleaned["file"] = uploads.store_upload(self.instance, upload)
            except uploads.StorageFull as error:
                self.add_error("file", str(error))
        return cleaned
