#!/usr/bin/env bash
# Page quality as real clients measure it: Lighthouse 12.2.3 (mobile preset) and the Nu HTML
# Checker on the home, a section and an article page, one story of each kind and one kind's
# list (articles/kinds/), served by gunicorn with production
# settings and the demo content. Prints each page's four Lighthouse scores, the audits that
# did not pass, and the checker's errors. Usage: bash bench/quality.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${QUALITY_PORT:-8766}
WORK=$(mktemp -d)
OUT=${QUALITY_OUT:-bench/results/quality}
mkdir -p "$OUT"
trap 'kill "$GUNICORN" 2>/dev/null || true; rm -rf "$WORK"' EXIT

if [ ! -x bench/node_modules/.bin/lighthouse ] || [ ! -f bench/node_modules/vnu-jar/build/dist/vnu.jar ]; then
  (cd bench && npm install --no-audit --no-fund --silent)
fi
command -v java >/dev/null || { echo "java is missing: apt-get install default-jre-headless" >&2; exit 1; }

export DJANGO_SETTINGS_MODULE=newsroom.settings
export SECRET_KEY="quality-only-$(date +%s%N)-not-a-real-secret-key-0123456789abcdef"
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0
export SECURE_HSTS_SECONDS=0 SITE_URL="http://127.0.0.1:$PORT"
export DATABASE_URL="sqlite:///$WORK/quality.sqlite3" MEDIA_ROOT="$WORK/media" STATIC_ROOT="$WORK/static"
unset REDIS_URL DEBUG
PY=.venv/bin/python
$PY manage.py migrate -v0
# First: publishing a story below has the archive render its page, with the static manifest.
$PY manage.py collectstatic --noinput -v0
$PY manage.py loaddemo >/dev/null
# Give the demo stories hero pictures and feature one, so cards with pictures are measured too.
$PY manage.py shell -v0 -c "
from articles.models import Article, Image
picture = Image.objects.order_by('pk').first()
Article.objects.update(hero_image=picture)
Article.objects.filter(slug__startswith='lam-theo-bac').update(featured=True)
# A video and a podcast story: their files still being prepared (the demo has no media file).
from multimedia.models import MediaFile
story = Article.objects.get(slug__startswith='lam-theo-bac')
for kind, media in [('video', 'video'), ('audio', 'audio')]:
    if not Article.objects.filter(kind=kind).exists():
        file = MediaFile.objects.create(kind=media, title='Demo', original='av/originals/demo')
        Article.objects.create(
            title=f'Bài {story.title.lower()} ({kind})', section=story.section, lead=story.lead,
            body=story.body, byline=story.byline, status='published',
            published_at=story.published_at, hero_image=picture, kind=kind, **{media: file})
"
.venv/bin/gunicorn tests.harness.wsgi_media:application -w 2 -b "127.0.0.1:$PORT" \
  --log-level warning &
GUNICORN=$!
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.2; done

BASE="http://127.0.0.1:$PORT"
ARTICLE=$(curl -sf "$BASE/" | grep -o '/bai-viet/lam-theo-bac[^"]*' | head -1)
first_story() { curl -sf "$BASE$1" | grep -o '/bai-viet/[^"]*' | head -1; }
declare -A PAGES=([home]="/" [section]="/chuyen-muc/chinh-tri/" [article]="$ARTICLE"
  [photo]="$(first_story /anh/)" [longform]="$(first_story /emagazine/)"
  [infographic]="$(first_story /infographic/)" [video]="$(first_story /video/)"
  [audio]="$(first_story /podcast/)" [kindlist]="/anh/")
NAMES="home section article photo longform infographic video audio kindlist"
CHROME_FLAGS="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"

for name in $NAMES; do
  url="$BASE${PAGES[$name]}"
  curl -sf "$url" -o "$OUT/$name.html"
  CHROME_PATH=/usr/bin/chromium bench/node_modules/.bin/lighthouse "$url" --quiet \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="$CHROME_FLAGS" --output=json --output-path="$OUT/$name.lighthouse.json"
done

echo "== Lighthouse 12.2.3, mobile preset"
$PY - "$OUT" $NAMES <<'PY'
import json, sys
from pathlib import Path

out = Path(sys.argv[1])
print(f"{'page':<11} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}")
for name in sys.argv[2:]:
    report = json.loads((out / f"{name}.lighthouse.json").read_text())
    cats = report["categories"]
    scores = [round(cats[key]["score"] * 100) for key in
              ["performance", "accessibility", "best-practices", "seo"]]
    print(f"{name:<11} " + " ".join(f"{score:>5}" for score in scores))
    for key, cat in cats.items():
        for ref in cat["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                print(f"    {key}: {ref['id']} ({audit['score']}) {audit.get('displayValue', '')}")
PY

echo "== Nu HTML Checker (errors only)"
if java -jar bench/node_modules/vnu-jar/build/dist/vnu.jar --errors-only --format gnu \
    $(for name in $NAMES; do echo "$OUT/$name.html"; done) 2>"$OUT/vnu.txt"; then
  echo "no errors on: $NAMES"
else
  cat "$OUT/vnu.txt"
  exit 1
fi
