"""Template context every page needs: the paper's identity and its menu."""

from django.conf import settings


def site(request):
    from articles.models import Section

    return {
        "site": {
            "name": settings.SITE_NAME,
            "code": settings.SITE_CODE,
            "tagline": settings.SITE_TAGLINE,
            "hotline": settings.SITE_HOTLINE,
            "email": settings.SITE_EMAIL,
        },
        "nav_sections": Section.objects.for_nav,
    }
