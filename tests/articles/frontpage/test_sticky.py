"""WordPress's sticky posts, imported as featured, are the main slot's candidates."""

import pytest
from django.utils import timezone

from articles.frontpage import placing
from articles.frontpage.reading import compose_home
from articles.models import Article, Slot
from tests.factories import make_article
from tests.wordpress.conftest import EXPORT, run_import

pytestmark = pytest.mark.django_db


def test_an_imported_sticky_post_leads_the_home_page_until_an_editor_places_another(tmp_path):
    run_import(EXPORT, "--media-dir", str(tmp_path))
    sticky = Article.objects.get(title__startswith="Mùa lúa chín")
    assert sticky.featured
    newer = make_article("Tin hôm nay", published_at=timezone.now())
    assert compose_home().main == sticky
    placing.place(newer, Slot.MAIN)
    assert compose_home().main == newer
