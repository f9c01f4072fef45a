"""Content Security Policy: one strict policy for reader pages, nonces only in the admin.

Reader pages carry no inline script or style at all, so their header is the same for every
request and a page can sit in a shared cache. The admin is never cached: its inline import
map (the body editor's) gets a per-request nonce, and its styles are relaxed (ADMIN_STYLE_SRC).
The policy itself is `CONTENT_SECURITY_POLICY` in the settings.
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django import forms
from django.urls import reverse
from js_asset import Media

# The body editor (Tiptap) injects a <style> element without a nonce, and the admin's own
# change list writes one inline: styles cannot run script, so the admin allows inline ones.
ADMIN_STYLE_SRC = [SELF, UNSAFE_INLINE]


def is_admin(request) -> bool:
    return request.path_info.startswith(reverse("admin:index"))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's form media rendered under a nonce."""

    def process_template_response(self, request, response):
        media = (response.context_data or {}).get("media")
        if isinstance(media, forms.Media) and is_admin(request):
            # The nonce is read only here, so pages without media keep a nonce-free header.
            response.context_data["media"] = Media.from_media(media, nonce=request.csp_nonce)
        return response

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and is_admin(request):
            parts.replace = {**(parts.replace or {}), "style-src": ADMIN_STYLE_SRC}
        return parts
