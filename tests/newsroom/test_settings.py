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


def test_production_refuses_to_start_without_a_secret_key_in_one_vietnamese_line():
    result = manage("check")
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Lỗi cấu hình: Chưa đặt SECRET_KEY: bắt buộc khi DEBUG tắt (máy phát triển: DEBUG=1)."
    ]


def test_check_deploy_is_clean_under_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="k" * 20 + "-production-like-secret-of-decent-length-0123456789",
        ALLOWED_HOSTS="baolaichau.example",
        # The masthead (Luật Báo chí, Điều 46): empty, each is a deploy warning.
        SITE_LICENCE="Giấy phép số 12/GP-BTTTT ngày 03/04/2021 của Bộ Thông tin và Truyền thông",
        SITE_GOVERNING_BODY="Tỉnh ủy Lai Châu",
        SITE_ADDRESS="Phường Tân Phong, tỉnh Lai Châu",
        SITE_EDITOR_IN_CHIEF="Trần Thị Bích",
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


def settings_value(expression: str, **env: str) -> str:
    code = f"from django.conf import settings; print({expression})"
    result = manage("shell", "-c", code, DEBUG="1", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_scale_settings_are_off_by_default():
    value = settings_value(
        "settings.CELERY_TASK_ALWAYS_EAGER, settings.STORAGES['default']['BACKEND'], "
        "sorted(settings.DATABASES), getattr(settings, 'DATABASE_ROUTERS', [])",
        CELERY_BROKER_URL="",
        MEDIA_STORAGE="",
        DATABASE_REPLICA_URL="",
    )
    assert value == "True django.core.files.storage.FileSystemStorage ['default'] []"


def test_scale_settings_switch_on_from_the_environment():
    value = settings_value(
        "settings.CELERY_TASK_ALWAYS_EAGER, settings.STORAGES['default']['BACKEND'], "
        "settings.AWS_STORAGE_BUCKET_NAME, settings.DATABASES['replica']['PORT'], "
        "settings.MIDDLEWARE[1]",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/3",
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="bao-anh",
        DATABASE_REPLICA_URL="postgres://reader@10.0.0.2:5433/newsroom",
    )
    assert value == (
        "False storages.backends.s3.S3Storage bao-anh 5433 newsroom.routers.ReplicaMiddleware"
    )


def test_s3_without_a_bucket_is_refused_at_start():
    result = manage("check", DEBUG="1", MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="")
    assert result.returncode != 0 and "AWS_STORAGE_BUCKET_NAME" in result.stderr


IMG_SRC = "' '.join(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"


def test_pictures_on_object_storage_are_allowed_by_the_content_security_policy():
    assert settings_value(IMG_SRC, MEDIA_STORAGE="") == "'self' data:"
    s3 = {"MEDIA_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": "anh"}
    assert settings_value(IMG_SRC, **s3, AWS_S3_ENDPOINT_URL="http://127.0.0.1:8333") == (
        "'self' data: http://127.0.0.1:8333"
    )
    assert settings_value(IMG_SRC, **s3, AWS_S3_CUSTOM_DOMAIN="anh.baolaichau.example/m") == (
        "'self' data: https://anh.baolaichau.example"
    )
    assert settings_value(IMG_SRC, **s3, CSP_EXTRA_IMG_SRC="https://cdn.example") == (
        "'self' data: https://*.amazonaws.com https://cdn.example"
    )
