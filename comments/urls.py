from django.urls import path

from . import questions, reaction_views, views

app_name = "comments"

urlpatterns = [
    path("gui/", views.post_comment, name="post"),
    path("phieu/<int:article_pk>/", views.form_fields, name="form-fields"),
    path("<int:pk>/tra-loi/", views.ReplyView.as_view(), name="reply"),
    path("bai-viet/<int:article_pk>/", views.CommentListView.as_view(), name="list"),
    path("<int:pk>/thich/", reaction_views.like, name="like"),
    path("<int:pk>/bao-vi-pham/", reaction_views.report, name="report"),
    path("cau-hoi/<int:article_pk>/", questions.pick_view, name="questions"),
    path("cam-nhan/<int:article_pk>/", reaction_views.visitor_state, name="reactions"),
]
