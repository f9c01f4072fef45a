from django.urls import path

from . import desk

app_name = "frontpage"

urlpatterns = [
    path("", desk.desk, name="desk"),
    path("dat/", desk.place, name="place"),
    path("bo-lich/<int:pk>/", desk.unschedule, name="unschedule"),
    path("tin-nong/", desk.breaking, name="breaking"),
    path("hop-chuyen-muc/", desk.boxes, name="boxes"),
]
