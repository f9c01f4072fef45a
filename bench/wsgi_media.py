"""The site for bench runs, /media/ served by WhiteNoise (in production a reverse proxy does)."""

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
