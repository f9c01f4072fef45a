"""Pictures on an S3-compatible object store (a real SeaweedFS), with MEDIA_STORAGE=s3."""

import urllib.request
import uuid
from io import BytesIO

import boto3
import pytest
from PIL import Image as PILImage

from articles.models import Image
from articles.uploads import RENDITION_FIELDS
from tests.articles.test_tasks import upload_picture
from tests.desk_users import editor
from tests.factories import make_article
from tests.harness.stores import S3_KEYS, seaweedfs

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory):
    with seaweedfs(tmp_path_factory.mktemp("seaweedfs")) as endpoint:
        yield endpoint


@pytest.fixture
def bucket(s3_endpoint, settings):
    """A fresh bucket, and the site set up as an operator would: django-storages' AWS_*."""
    name = f"newsroom-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id=S3_KEYS["access"],
        aws_secret_access_key=S3_KEYS["secret"],
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=name)
    settings.MEDIA_STORAGE = "s3"
    settings.AWS_STORAGE_BUCKET_NAME = name
    settings.AWS_S3_ENDPOINT_URL = s3_endpoint
    settings.AWS_ACCESS_KEY_ID = S3_KEYS["access"]
    settings.AWS_SECRET_ACCESS_KEY = S3_KEYS["secret"]
    settings.AWS_S3_REGION_NAME = "us-east-1"
    settings.AWS_S3_ADDRESSING_STYLE = "path"
    settings.AWS_QUERYSTRING_AUTH = False
    settings.AWS_S3_FILE_OVERWRITE = False
    # Changing STORAGES last makes Django build the storage again with the settings above.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage"},
    }

    def keys() -> set[str]:
        found = client.list_objects_v2(Bucket=name).get("Contents", [])
        return {item["Key"] for item in found}

    return keys


def test_upload_and_renditions_go_to_the_object_store_and_pages_link_there(
    client, bucket, settings, s3_endpoint
):
    image = upload_picture(client)
    names = {image.file.name} | {getattr(image, f).name for f in RENDITION_FIELDS}
    assert names <= bucket()
    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*.*"))

    article = make_article(hero_image=image)
    html = client.get(article.get_absolute_url()).content.decode()
    bucket_url = f"{s3_endpoint}/{settings.AWS_STORAGE_BUCKET_NAME}/"
    assert f"{bucket_url}{image.w480_webp.name} 480w" in html
    assert f'src="{bucket_url}{image.w800.name}"' in html

    # What the page links to is the picture, served by the store to anyone.
    with urllib.request.urlopen(f"{bucket_url}{image.w480_webp.name}") as response:
        served = response.read()
    with PILImage.open(BytesIO(served)) as rendition:
        assert (rendition.format, rendition.width) == ("WEBP", 480)


def test_deleting_a_picture_removes_it_and_its_renditions_from_the_store(
    client, bucket, django_capture_on_commit_callbacks
):
    image = upload_picture(client)
    assert len(bucket()) == 1 + len(RENDITION_FIELDS)
    client.force_login(editor())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/articles/image/{image.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Image.objects.exists()
    assert bucket() == set()
