"""The content API at /api/v1/ (newsroom/urls.py): ninja's endpoints, then a JSON 404."""

from django.urls import re_path

from .errors import unknown_address
from .views import api

app_name = "api"
urlpatterns = [*api.urls[0], re_path(r"^.*$", unknown_address, name="unknown")]
