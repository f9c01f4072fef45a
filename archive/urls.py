from django.urls import path

from . import views

app_name = "archive"

urlpatterns = [
    path("", views.index, name="index"),
    path("bai/<int:story_id>/", views.story, name="story"),
    path("ban-ghi/<int:pk>/", views.record_page, name="record"),
    path("anh/<str:sha>/", views.picture, name="picture"),
]
