from django.urls import path, re_path

from . import preview, views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("chuyen-muc/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("the/<slug:slug>/", views.TagView.as_view(), name="tag"),
    re_path(
        r"^bai-viet/(?P<slug>[-a-z0-9]+)-(?P<pk>[0-9]{1,18})/$",
        views.ArticleDetailView.as_view(),
        name="detail",
    ),
    path("xem-truoc/<str:token>/", preview.shared_article, name="share"),
]
