from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("gui/", views.post_comment, name="post"),
    path("phieu/<int:article_pk>/", views.form_fields, name="form-fields"),
    path("<int:pk>/tra-loi/", views.ReplyView.as_view(), name="reply"),
    path("bai-viet/<int:article_pk>/", views.CommentListView.as_view(), name="list"),
]
