"""The kinds' own lists: `/video/`, `/anh/`, `/podcast/`, `/emagazine/`, `/infographic/`.

Each lists the public stories of one kind, newest first, paginated and cached as a section's
page is (the `article_kind_public_idx` index serves it at any size). A live story has no list
of its own. `/podcast/rss/` is the podcast feed's (articles/podcast.py), not this module's.
"""

from django.conf import settings
from django.urls import reverse
from django.views.generic import ListView

from ..models import Kind
from ..views import PageRangeMixin, PublishedMixin, SidebarMixin

# Address -> kind, in the order the menu of kinds shows them.
ADDRESSES = {
    "video": Kind.VIDEO,
    "anh": Kind.PHOTO,
    "podcast": Kind.AUDIO,
    "emagazine": Kind.LONGFORM,
    "infographic": Kind.INFOGRAPHIC,
}
ADDRESS_PATTERN = "|".join(ADDRESSES)

INTROS = {
    Kind.VIDEO: "Phóng sự, tin tức bằng video.",
    Kind.PHOTO: "Phóng sự ảnh: những câu chuyện kể bằng hình ảnh.",
    Kind.AUDIO: "Báo nói, podcast: nghe tin tức và câu chuyện.",
    Kind.LONGFORM: "Bài viết dài, chuyên sâu, trình bày đặc biệt.",
    Kind.INFOGRAPHIC: "Thông tin, số liệu bằng đồ họa.",
}


def list_url(kind: str) -> str:
    """The address of `kind`'s list: reverse of ADDRESSES."""
    address = next(address for address, value in ADDRESSES.items() if value == kind)
    return reverse("articles:kind", args=[address])


class KindListView(PageRangeMixin, SidebarMixin, PublishedMixin, ListView):
    """One kind's public stories, newest first."""

    template_name = "articles/kinds/kind_list.html"
    context_object_name = "articles"

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE

    def get_queryset(self):
        self.kind = Kind(ADDRESSES[self.kwargs["address"]])
        return super().get_queryset().filter(kind=self.kind)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            kind=self.kind, kind_label=self.kind.label, kind_intro=INTROS[self.kind], **kwargs
        )
