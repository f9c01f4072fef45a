from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path

from . import preview, views
from .corrections import views as corrections
from .feeds import LatestStoriesFeed, SectionFeed
from .kinds import lists as kinds
from .live import urls as live_urls
from .people import pages as people
from .podcast import PodcastFeed
from .sitemaps import SITEMAPS

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("chuyen-muc/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("chuyen-muc/<slug:slug>/rss/", SectionFeed(), name="section-feed"),
    path("the/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("tac-gia/<slug:slug>/", people.AuthorView.as_view(), name="author"),
    path("tac-gia/<slug:slug>/rss/", people.AuthorFeed(), name="author-feed"),
    path("tim-kiem/", views.SearchView.as_view(), name="search"),
    # /video/, /anh/, /podcast/, /emagazine/, /infographic/ (/podcast/rss/ is the podcast feed).
    re_path(rf"^(?P<address>{kinds.ADDRESS_PATTERN})/$", kinds.KindListView.as_view(), name="kind"),
    re_path(
        r"^bai-viet/(?P<slug>[-a-z0-9]+)-(?P<pk>[0-9]{1,18})/$",
        views.ArticleDetailView.as_view(),
        name="detail",
    ),
    path("xem-truoc/<str:token>/", preview.shared_article, name="share"),
    path("rss/", LatestStoriesFeed(), name="feed"),
    path("podcast/rss/", PodcastFeed(), name="podcast-feed"),
    path("cai-chinh/", corrections.CorrectionListView.as_view(), name="corrections"),
    path("cai-chinh/rss/", corrections.CorrectionsFeed(), name="corrections-feed"),
    path("cai-chinh/<int:pk>/", corrections.CorrectionDetailView.as_view(), name="correction"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "articles:sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-news.xml", views.NewsSitemapView.as_view(), name="news-sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", views.RobotsView.as_view(), name="robots"),
]
urlpatterns += live_urls.urlpatterns
