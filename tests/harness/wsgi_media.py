"""The site with /media/ served by WhiteNoise, as a reverse proxy serves it in production.

For servers a test or a bench run starts: `gunicorn tests.harness.wsgi_media:application`.
"""

from django.conf import settings
from whitenoise import WhiteNoise

from newsroom.media import add_whitenoise_headers
from newsroom.wsgi import application as site

application = WhiteNoise(
    site,
    root=settings.MEDIA_ROOT,
    prefix=settings.MEDIA_URL,
    add_headers_function=add_whitenoise_headers,
)
