"""Template context every page needs: the paper's identity (the menu: articles)."""

from django.conf import settings


def site(request):
    return {
        "site": {
            "name": settings.SITE_NAME,
            "code": settings.SITE_CODE,
            "tagline": settings.SITE_TAGLINE,
            "hotline": settings.SITE_HOTLINE,
            "email": settings.SITE_EMAIL,
        }
    }
