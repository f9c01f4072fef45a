"""The live story's addresses, in the articles namespace (articles/urls.py adds them)."""

from django.urls import path

from . import desk, reader

urlpatterns = [
    path("truc-tiep/<int:pk>.json", reader.entries_feed, name="live-feed"),
    path("ban-bien-tap/truc-tiep/<int:pk>/", desk.live_desk, name="live-desk"),
]
