from django.urls import path

from . import desk

app_name = "newsletter_desk"

urlpatterns = [path("tin-nong/<int:pk>/", desk.breaking, name="breaking")]
