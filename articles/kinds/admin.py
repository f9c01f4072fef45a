"""The kinds on the desk: the photo story's pictures, checked with the kind's rules."""

from django import forms
from django.contrib import admin
from django.contrib.admin import site

from multimedia.models import MediaFile
from newsroom.admin_widgets import CheckedAutocompleteMixin

from ..models import GalleryPicture
from . import requirements


class GalleryFormSet(forms.BaseInlineFormSet):
    """A photo story's pictures: from review on, at least three, each with a caption.

    A form sent without the rows (an older page, a script) leaves the stored ones be, and
    they are what is checked.
    """

    def __init__(self, data=None, *args, prefix=None, **kwargs):
        prefix = prefix or self.get_default_prefix()
        self.rows_sent = data is None or f"{prefix}-TOTAL_FORMS" in data
        if not self.rows_sent:
            data = data.copy()
            data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = "0"
        super().__init__(data, *args, prefix=prefix, **kwargs)

    def clean(self):
        super().clean()
        story = self.instance
        step = requirements.step_of(self.data)
        if story.kind != story.Kind.PHOTO or not requirements.applies(story.status, step):
            return
        if any(form.errors for form in self.forms):
            return  # each row says its own error first
        if not self.rows_sent:
            gap = requirements.missing(story).get(requirements.GALLERY)
            if gap is not None:
                raise forms.ValidationError(gap, code="kind_incomplete")
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data.get("image") and not form.cleaned_data.get("DELETE")
        ]
        kept.sort(key=lambda form: form.cleaned_data.get("position") or 0)
        pictures = [form.instance for form in kept]
        gap = requirements.missing(story, pictures=pictures).get(requirements.GALLERY)
        if gap is None:
            return
        for place in requirements.uncaptioned(pictures):
            kept[place - 1].add_error(
                "caption", "Ảnh này chưa có chú thích (ảnh cũng không có chú thích lưu sẵn)."
            )
        raise forms.ValidationError(gap, code="kind_incomplete")


class GalleryPictureInline(CheckedAutocompleteMixin, admin.TabularInline):
    """The pictures of a photo story, in the order readers see them (by `position`)."""

    model = GalleryPicture
    formset = GalleryFormSet
    autocomplete_fields = ["image"]
    fields = ["image", "position", "caption", "credit"]
    ordering = ["position", "pk"]
    extra = 0
    verbose_name = "ảnh của bài ảnh"
    verbose_name_plural = "Ảnh của bài ảnh (bài loại Ảnh: ít nhất 3 ảnh, mỗi ảnh có chú thích)"
    classes = ["kind-photo"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("image")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "caption":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 40})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


def media_admin_registered() -> bool:
    """Whether the media pipeline's MediaFile admin (with its search) is on this site."""
    return MediaFile in site._registry


class KindFieldsMixin:
    """For the story admin: the video and sound boxes, an autocomplete once MediaFile's admin
    is registered, an id box with its lookup before that."""

    raw_id_fields = ["video", "audio"]

    def get_autocomplete_fields(self, request):
        fields = list(super().get_autocomplete_fields(request))
        if media_admin_registered():
            fields += ["video", "audio"]
        return fields
