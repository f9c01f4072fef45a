# The two commands of the quick start: `make run` and `make test`.
# `make test-fast` for the edit-test loop, `make lint` before a commit (CI runs both checks).
# Tests run in a random order, its seed printed at the top ("Using --randomly-seed=N"):
# `pytest -p randomly --randomly-seed=N` repeats that order, `pytest -p no:randomly` keeps
# the files' order (handy while editing one test).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
RUNTIME_STAMP := $(VENV)/.installed-runtime

.PHONY: run test test-fast install install-runtime lint backup

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Development and CI: the site's packages and the test tools (requirements/test.lock).
$(STAMP): $(BIN)/python pyproject.toml requirements/runtime.lock requirements/test.lock
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/test.lock
	touch $(STAMP)

install: $(STAMP)

# A production server (deploy/README.md): the site's packages only, no test tool.
$(RUNTIME_STAMP): $(BIN)/python pyproject.toml requirements/runtime.lock
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/runtime.lock
	touch $(RUNTIME_STAMP)

install-runtime: $(RUNTIME_STAMP)

# The demo stories date from 2015: keep their comments open unless told otherwise.
COMMENT_CLOSE_AFTER_DAYS ?= 0
export COMMENT_CLOSE_AFTER_DAYS

# Video and sound are probed and transcoded by Debian's ffmpeg (multimedia/).
FFMPEG := /usr/bin/ffmpeg

$(FFMPEG):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg >/dev/null; \
	else \
		echo "Video and sound need Debian's ffmpeg: sudo apt-get install ffmpeg" >&2; exit 1; \
	fi

# The demo paper's masthead (Luật Báo chí, Điều 46; empty by default, newsroom/settings.py):
# a real paper sets its own in its environment.
run: export SITE_LICENCE ?= Giấy phép số 00/GP-BTTTT ngày 01/01/2020 của Bộ Thông tin và Truyền thông (mẫu)
run: export SITE_GOVERNING_BODY ?= Tỉnh ủy Lai Châu
run: export SITE_ADDRESS ?= Phường Tân Phong, thành phố Lai Châu, tỉnh Lai Châu
run: export SITE_EDITOR_IN_CHIEF ?= Nguyễn Văn A (mẫu)
run: install $(FFMPEG)
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py loaddemo
	@echo ""
	@echo "Trang báo:        http://127.0.0.1:$(PORT)/"
	@echo "Bàn biên tập:     http://127.0.0.1:$(PORT)/admin/"
	@echo "Tạo tài khoản để đăng nhập (hỏi mật khẩu), ví dụ một biên tập viên:"
	@echo "  DEBUG=1 $(BIN)/python manage.py createstaff TEN --role bien-tap-vien"
	@echo "  (hoặc --role phong-vien, --role kiem-duyet-vien, --role thu-ky-toa-soan,"
	@echo "  --role tong-bien-tap; lặp lại --role để cho nhiều vai trò; quản trị: createsuperuser)"
	@echo "  Trưởng ban, với các chuyên mục mình duyệt:"
	@echo "  DEBUG=1 $(BIN)/python manage.py createstaff TEN --role truong-ban --section the-thao"
	@echo ""
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Browser tests drive Debian's Chromium (never a downloaded browser).
CHROMIUM := /usr/bin/chromium

$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "Browser tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; \
	fi

# The whole suite, with coverage: it fails under pyproject's [tool.coverage.report] fail_under.
test: install $(CHROMIUM)
	$(BIN)/python -m pytest --cov --cov-report=term:skip-covered

# The whole suite without the browser and PostgreSQL tests: the edit-test loop.
test-fast: install
	$(BIN)/python -m pytest -m "not browser and not postgres"

# What CI checks first (and .pre-commit-config.yaml on each commit): lint, format, migrations,
# and the layers of the packages (pyproject.toml's [tool.importlinter]).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=newsroom.settings_test $(BIN)/python manage.py makemigrations --check --dry-run

# The database (pg_dump, or SQLite's online backup) and the media, into backups/<time>/.
backup: install-runtime
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py backup
