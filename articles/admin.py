"""The editors' desk: stories, sections, pictures and tags in the Django admin."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag as TaggitTag

from .models import Article, Image, RelatedArticle, Section, Tag

admin.site.unregister(TaggitTag)


class RelatedArticleInline(admin.TabularInline):
    model = RelatedArticle
    fk_name = "from_article"
    autocomplete_fields = ["to_article"]
    extra = 0
    fields = ["to_article", "position"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "section", "status", "published_at", "byline"]
    list_filter = ["status", "section", "featured", "published_at"]
    list_select_related = ["section", "section__parent"]
    search_fields = ["title", "lead", "byline"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["section", "hero_image"]
    inlines = [RelatedArticleInline]
    # The slug is made on the server by articles.text.slugify: the admin's JavaScript prefill
    # (URLify) would turn "Đường" into "djng", so there is deliberately no prepopulated_fields.
    fieldsets = [
        (None, {"fields": ["title", "section", "lead", "body", "byline", "tags"]}),
        (_("Ảnh"), {"fields": ["hero_image"]}),
        (
            _("Xuất bản"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "featured",
                    "allow_comments",
                    "source_code",
                    "slug",
                ]
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "slug", "position", "in_nav"]
    list_editable = ["position", "in_nav"]
    list_select_related = ["parent"]
    search_fields = ["name"]
    fields = ["name", "parent", "slug", "description", "position", "in_nav"]


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["__str__", "caption", "credit", "width", "height", "uploaded_at"]
    search_fields = ["alt_text", "caption", "credit"]
    fields = ["file", "alt_text", "caption", "credit"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    fields = ["name", "slug"]
