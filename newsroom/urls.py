from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from .health import healthz
from .view_on_site import view_on_site

handler500 = "newsroom.outage.server_error"

admin.site.site_header = f"Tòa soạn {settings.SITE_NAME}"
admin.site.site_title = f"Tòa soạn {settings.SITE_NAME}"
admin.site.index_title = "Bàn biên tập"

handler400 = "newsroom.errors.bad_request"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Before the admin's own route of the same address: it checks who may read the object.
    path(
        "admin/r/<path:content_type_id>/<path:object_id>/",
        admin.site.admin_view(view_on_site),
        name="view-on-site",
    ),
    # The lưu chiểu archive's inspector pages (archive/views.py), before the admin's catch-all.
    path("admin/luu-chieu/", include("archive.urls")),
    # The desk's front page (articles/frontpage/desk.py), likewise.
    path("admin/trang-nhat/", include("articles.frontpage.urls")),
    path("admin/ban-tin/", include("newsletter.desk_urls")),
    path("admin/", admin.site.urls),
    path("binh-luan/", include("comments.urls")),
    path("ban-tin/", include("newsletter.urls")),
    path("api/v1/", include("api.urls")),
    path("", include("articles.urls")),
]

if settings.SERVE_MEDIA:
    from django.urls import re_path

    from newsroom import media

    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$",
            media.serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
