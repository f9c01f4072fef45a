from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("gui/", views.post_comment, name="post"),
    path("ma/<int:article_pk>/", views.form_token, name="token"),
    path("<int:pk>/tra-loi/", views.ReplyView.as_view(), name="reply"),
    path("bai-viet/<int:article_pk>/", views.CommentListView.as_view(), name="list"),
]
