"""The story's revision pages in the admin: restore a revision, recover a deleted story.

Both put words back on save, and a live story's on the reader's page at once. So each page
shows what would change (`revision_diff`) and, when the result is live, its form asks for a
tick first (`RestoreLiveForm`); without it the form is refused and reversion undoes it all.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from . import revision_diff, revisions, workflow
from .admin_forms import RestoreLiveForm

# Put first in the story form's fieldsets by ArticleAdmin.get_fieldsets, with the form above.
RESTORE_FIELDSET = (_("Xác nhận khôi phục"), {"fields": ["restore_live"]})


class RevisionPagesMixin:
    """For ArticleAdmin, before reversion's VersionAdmin in its bases."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        if revisions.restores_live(request):
            kwargs["form"] = RestoreLiveForm
        return super().get_form(request, obj, change, **kwargs)

    # A recovered story comes back with its old status (published, say): editors only.
    def recoverlist_view(self, request, extra_context=None):
        if not workflow.can_publish(request.user):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not workflow.can_publish(request.user):
            raise PermissionDenied
        version = get_object_or_404(Version, pk=version_id)
        revisions.keep_recovered_state(request, version)
        extra_context = {
            "title": f"Khôi phục bài đã xóa “{version.object_repr}”",
            "restore_changes": revision_diff.changes({}, version.field_dict),
            "restores_live": revisions.restores_live(request),
            **(extra_context or {}),
        }
        return super().recover_view(request, version_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        revisions.keep_present_state(request, unquote(object_id))
        extra_context = {
            "title": "Khôi phục một bản cũ của bài",
            "restore_changes": revision_diff.for_version(unquote(object_id), version_id),
            "restores_live": revisions.restores_live(request),
            **(extra_context or {}),
        }
        return super().revision_view(request, object_id, version_id, extra_context)
