"""Production settings, checked in a fresh process the way an operator starts the site."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean | {"DJANGO_SETTINGS_MODULE": "newsroom.settings"} | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_check_deploy_is_clean_under_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="k" * 20 + "-production-like-secret-of-decent-length-0123456789",
        ALLOWED_HOSTS="baolaichau.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_development_runs_without_a_secret_key():
    result = manage("check", DEBUG="1")
    assert result.returncode == 0, result.stderr


PROXY_PROBE = (
    "from django.conf import settings; from django.test import RequestFactory; "
    "r = RequestFactory().get('/', HTTP_X_FORWARDED_PROTO='https'); "
    "print('secure' if r.is_secure() else 'plain')"
)


def _is_secure_with_forwarded_https(**env: str) -> str:
    result = manage("shell", "-c", PROXY_PROBE, DEBUG="1", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_https_header_is_ignored_without_a_trusted_proxy():
    assert _is_secure_with_forwarded_https(TRUSTED_PROXY_COUNT="0") == "plain"


def test_https_header_is_believed_behind_a_trusted_proxy():
    assert _is_secure_with_forwarded_https(TRUSTED_PROXY_COUNT="1") == "secure"


IMG_SRC_PROBE = (
    "from django.conf import settings; "
    "print(' '.join(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
)


def _img_src(**env: str) -> str:
    result = manage("shell", "-c", IMG_SRC_PROBE, DEBUG="1", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_pictures_on_object_storage_are_allowed_by_the_content_security_policy():
    assert _img_src() == "'self' data:"
    s3 = {"MEDIA_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": "anh"}
    assert _img_src(**s3, AWS_S3_ENDPOINT_URL="http://127.0.0.1:8333") == (
        "'self' data: http://127.0.0.1:8333"
    )
    assert _img_src(**s3, AWS_S3_CUSTOM_DOMAIN="anh.baolaichau.example/media") == (
        "'self' data: https://anh.baolaichau.example"
    )
    assert _img_src(**s3, CSP_EXTRA_IMG_SRC="https://cdn.example") == (
        "'self' data: https://*.amazonaws.com https://cdn.example"
    )
