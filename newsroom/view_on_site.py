"""The admin's "view on site" redirect (`/admin/r/<type>/<id>/`), for those who may read the object.

Django's own (contrib.contenttypes' `shortcut`) redirects any staff member to any object's page,
and so tells them its address: a story's slug is its title, drafts and embargoed stories
included. `view_on_site = False` hides the button, not the route. Here the object is loaded
through its model admin (its `get_queryset`, then `has_view_or_change_permission`), and a model
admin may say where its object is read with `reader_url(request, obj)` (None: nowhere).
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponseRedirect

NOT_FOUND = "Không có trang này."


def view_on_site(request, content_type_id: str, object_id: str):
    try:
        model = ContentType.objects.get(pk=int(content_type_id)).model_class()
    except (ContentType.DoesNotExist, ValueError) as error:
        raise Http404(NOT_FOUND) from error
    if model is None:
        raise Http404(NOT_FOUND)
    if not admin.site.is_registered(model):
        opts = model._meta
        if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            raise Http404(NOT_FOUND)
        return contenttype_views.shortcut(request, content_type_id, object_id)
    model_admin = admin.site.get_model_admin(model)
    obj = model_admin.get_object(request, unquote(object_id))
    if obj is None or not model_admin.has_view_or_change_permission(request, obj):
        raise Http404(NOT_FOUND)
    reader_url = getattr(model_admin, "reader_url", None)
    if reader_url is None:
        return contenttype_views.shortcut(request, content_type_id, object_id)
    url = reader_url(request, obj)
    if url is None:
        raise Http404(NOT_FOUND)
    return HttpResponseRedirect(url)
