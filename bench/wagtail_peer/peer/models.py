"""A story page with a lead, a picture in the body and readers' comments, the Wagtail way."""

from django.db import models
from wagtail.fields import RichTextField
from wagtail.models import Page


class StoryPage(Page):
    lead = models.TextField()
    body = RichTextField()
    byline = models.CharField(max_length=200, blank=True)
    picture = models.ForeignKey(
        "wagtailimages.Image", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    caption = models.TextField(blank=True)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        comments = self.comments.filter(approved=True).order_by("created_at", "pk")
        # ?shown=50: only the first 50, as many as the newspaper's own page shows.
        shown = request.GET.get("shown", "")
        context["comments"] = comments[: int(shown)] if shown.isdigit() else comments
        return context


class PeerComment(models.Model):
    page = models.ForeignKey(StoryPage, on_delete=models.CASCADE, related_name="comments")
    name = models.CharField(max_length=100)
    body = models.TextField()
    approved = models.BooleanField(default=True)
    created_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["page", "approved", "created_at"])]

    def __str__(self):
        return self.name
