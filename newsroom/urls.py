from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from .health import healthz

handler500 = "newsroom.outage.server_error"

admin.site.site_header = f"Tòa soạn {settings.SITE_NAME}"
admin.site.site_title = f"Tòa soạn {settings.SITE_NAME}"
admin.site.index_title = "Bàn biên tập"

handler400 = "newsroom.errors.bad_request"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("binh-luan/", include("comments.urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    from newsroom import media

    urlpatterns += static(settings.MEDIA_URL, view=media.serve, document_root=settings.MEDIA_ROOT)
