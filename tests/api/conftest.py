import pytest


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://baolaichau.example"
    settings.API_RATE_LIMIT = "0"
