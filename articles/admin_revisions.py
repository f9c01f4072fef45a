"""The story's revision pages in the admin: restore a revision, recover a deleted story.

Both put words back on save, and a live story's on the reader's page at once. So each page
shows what would change (`revision_diff`) and, when the result is live, its form asks for a
tick first (`RestoreLiveForm`); without it the form is refused and reversion undoes it all.

reversion writes the revision back *before* it asks anything, and keeps it whenever the form
answers a redirect, which Django also answers for a story the user may not read. So both pages
check the user, the story and the version first (`_story_to_restore`, `_deleted_story`), and
refuse "save as new", which would keep the revert and add a story.

reversion renders the form inside the view, before the CSP middleware could give the body
editor's import map its nonce; `render_change_form` gives it here (`csp.media_under_nonce`).
Once saved, the desk is told which copy came back, its time and who saved it
(`restored_message`), instead of Django's "changed successfully".
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from newsroom.csp import media_under_nonce
from newsroom.vietnamese import date_time

from . import revision_diff, revisions, workflow
from .admin_forms import RecoverLiveForm, RestoreLiveForm

# Put first in the story form's fieldsets by ArticleAdmin.get_fieldsets, with the form above.
RESTORE_FIELDSET = (_("Xác nhận khôi phục"), {"fields": ["restore_live"]})

# Where the views note the version being restored, for the message once it is saved.
_RESTORING_ATTR = "desk_restoring_version"

# The button of Django's change form that saves the form as a new story.
SAVE_AS_NEW = "_saveasnew"


def restored_message(version: Version, title: str, *, recover: bool) -> str:
    """What the desk is told once `version` is back: which copy, saved when and by whom."""
    revision = version.revision
    user = revision.user
    who = (user.get_full_name() or user.get_username()) if user else "người không rõ"
    saved = f"bản lưu lúc {date_time(revision.date_created)} (giờ Việt Nam) của {who}"
    if recover:
        return f"Đã khôi phục bài đã xóa “{title}” từ {saved}."
    return f"Đã khôi phục {saved} cho bài “{title}”."


def _refuse_save_as_new(request) -> None:
    if SAVE_AS_NEW in request.POST or SAVE_AS_NEW in request.GET:
        raise PermissionDenied("Trang khôi phục không lưu thành bài mới.")


class RevisionPagesMixin:
    """For ArticleAdmin, before reversion's VersionAdmin in its bases."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        if revisions.restores_live(request):
            recovers = revisions.recovers_live(request)
            kwargs["form"] = RecoverLiveForm if recovers else RestoreLiveForm
        return super().get_form(request, obj, change, **kwargs)

    def render_change_form(self, request, context, *args, **kwargs):
        if "media" in context:
            context["media"] = media_under_nonce(request, context["media"])
        return super().render_change_form(request, context, *args, **kwargs)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # Django's "changed successfully" after a restore: say which copy came back instead.
        restoring = getattr(request, _RESTORING_ATTR, None)
        if restoring is not None and level == messages.SUCCESS:
            setattr(request, _RESTORING_ATTR, None)
            version, recover = restoring
            title = (
                self.model._default_manager.filter(pk=version.object_id)
                .values_list("title", flat=True)
                .first()
                or version.object_repr
            )
            message = restored_message(version, title, recover=recover)
        return super().message_user(request, message, level, *args, **kwargs)

    def _story_to_restore(self, request, object_id: str, version_id: str) -> Version:
        """The version of a story the user may change: 404 if they may not read it, else 403."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        # get_queryset limits a journalist to their own and public stories (workflow.readable).
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("Không có bài này.")
        if not self.has_change_permission(request, article):
            raise PermissionDenied("Bạn không được sửa bài này.")
        # Of this story and of the Article model: another model's object may have its number.
        return get_object_or_404(Version.objects.get_for_object(article), pk=version_id)

    def _deleted_story(self, version_id: str) -> Version:
        """A version of a story that no longer exists; a story that exists is no recovery."""
        version = get_object_or_404(Version.objects.get_for_model(self.model), pk=version_id)
        if self.model._default_manager.filter(pk=version.object_id).exists():
            raise Http404("Bài này chưa bị xóa.")
        return version

    # A recovered story comes back with its old status (published, say): editors only.
    def recoverlist_view(self, request, extra_context=None):
        if not workflow.can_publish(request.user):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    # reversion's own recover_view and revision_view each load the version again by its
    # number alone; the views below hand the checked one to the form view they both call.
    def recover_view(self, request, version_id, extra_context=None):
        if not (workflow.can_publish(request.user) and self.has_add_permission(request)):
            raise PermissionDenied
        version = self._deleted_story(version_id)
        _refuse_save_as_new(request)
        revisions.confine_to_story(version)
        revisions.keep_recovered_state(request, version)
        setattr(request, _RESTORING_ATTR, (version, True))
        context = {
            "title": f"Khôi phục bài đã xóa “{version.object_repr}”",
            "recover": True,
            "restore_changes": revision_diff.changes({}, version.field_dict),
            "restores_live": revisions.restores_live(request),
            **(extra_context or {}),
        }
        template = self._reversion_get_template_list("recover_form.html")
        return self._reversion_revisionform_view(request, version, template, context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        version = self._story_to_restore(request, object_id, version_id)
        _refuse_save_as_new(request)
        revisions.confine_to_story(version)
        revisions.keep_present_state(request, version.object_id)
        setattr(request, _RESTORING_ATTR, (version, False))
        context = {
            "title": "Khôi phục một bản cũ của bài",
            "revert": True,
            "restore_changes": revision_diff.for_version(version),
            "restores_live": revisions.restores_live(request),
            **(extra_context or {}),
        }
        template = self._reversion_get_template_list("revision_form.html")
        return self._reversion_revisionform_view(request, version, template, context)
