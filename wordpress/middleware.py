"""Answer old WordPress addresses with a 301 to where their content lives now."""

from django.http import Http404, HttpResponsePermanentRedirect

from .links import QUERY_FORMS, link_key
from .models import OldLink, on_this_site


class OldLinkMiddleware:
    """Look an address up in the old-link table when nothing else answers it.

    The home page answers every query string, so `/?p=123` is looked up before the view
    (a story of the table that is not public, a draft or a scheduled one, is a 404 there,
    not the home page); any other address only once it has become a 404, so a page of ours
    always wins.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        at_home = request.method in ("GET", "HEAD") and request.path == "/"
        if at_home and any(request.GET.get(name) for name in QUERY_FORMS):
            link = self.link(request)
            redirect = self.redirect(link) if link else None
            if redirect is not None:
                return redirect
            if link is not None and link.article_id:
                # `/?p=ID` of a draft, private or scheduled story: a 404, not the home page.
                raise Http404("Bài viết chưa được công bố.")
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            link = self.link(request)
            return (self.redirect(link) if link else None) or response
        return response

    def link(self, request) -> OldLink | None:
        key = link_key(request.path, request.GET)
        if key is None:
            return None
        return OldLink.objects.select_related("article", "section", "tag").filter(path=key).first()

    def redirect(self, link: OldLink) -> HttpResponsePermanentRedirect | None:
        target = link.target_url()
        return HttpResponsePermanentRedirect(target) if target and on_this_site(target) else None
