#!/usr/bin/env bash
# The content API under load, in one run: its story list and story detail, warm, beside the
# floor; and the story detail uncached through django-ninja beside a plain JsonResponse view.
#
#   bash bench/api.sh [seconds per target, default 10] [connections, default 16]
#
# Needs a database from `bench/generate.py` (BENCH_DATABASE, default newsroom_api_bench), Redis
# (db BENCH_REDIS_DB, default 11, flushed) and wrk. gunicorn with production settings (DEBUG
# off, PostgreSQL, Redis), BENCH_WORKERS workers (2), ports BENCH_PORT..+2 (8190..8192); HTTPS
# redirect and secure cookies off, as bench/run.sh does on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
CONNECTIONS=${2:-16}
WORKERS=${BENCH_WORKERS:-2}
DATABASE=${BENCH_DATABASE:-newsroom_api_bench}
PORT=${BENCH_PORT:-8190}
REDIS_DB=${BENCH_REDIS_DB:-11}
PY=.venv/bin/python
WORK=$(mktemp -d)
SERVERS=()
cleanup() {
  for pid in "${SERVERS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
export SECRET_KEY="bench-only-$(date +%s%N)-not-a-real-secret-key-0123456789abcdef"
export ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0
export DJANGO_SETTINGS_MODULE=newsroom.settings
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DATABASE"
export REDIS_URL="redis://127.0.0.1:6379/$REDIS_DB" CACHE_KEY_PREFIX=apibench
export STATIC_ROOT="$WORK/static" COMMENT_RATE_LIMIT=0 SITE_URL=https://baolaichau.example

stories=$(psql -h 127.0.0.1 -U postgres -d "$DATABASE" -tAc "SELECT count(*) FROM articles_article" 2>/dev/null || echo 0)
if [ "${stories:-0}" -lt 1000 ]; then
  echo "No bench data in $DATABASE: run .venv/bin/python bench/generate.py --database $DATABASE first." >&2
  exit 1
fi
echo "== setup ($stories stories in $DATABASE)"
$PY manage.py migrate -v0
$PY manage.py collectstatic --noinput -v0
# The newest public story of the largest section: its related stories are found at once (the
# demo's reference story has none to find and walks the date index, bench/README.md).
STORY=$($PY - <<'PYEOF'
import django
django.setup()
from django.db.models import Count, Q
from articles.models import Article, Section
section = Section.objects.annotate(
    n=Count("articles", filter=Q(articles__status="published"))
).order_by("-n").first()
print(Article.objects.public().filter(section=section).order_by("-published_at").first().pk)
PYEOF
)
DETAIL="/api/v1/stories/$STORY" LIST="/api/v1/stories"
redis-cli -n "$REDIS_DB" flushdb >/dev/null

serve() {  # port, then the gunicorn arguments; env as set by the caller
  local port=$1; shift
  "$@" -w "$WORKERS" -b "127.0.0.1:$port" --log-level warning &
  SERVERS+=($!)
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && return; sleep 0.2; done
  echo "server on $port did not start" >&2; exit 1
}
WARM=$PORT COLD=$((PORT + 1)) FLOOR=$((PORT + 2))
PAGE_CACHE_SECONDS=300 serve "$WARM" .venv/bin/gunicorn newsroom.wsgi
PAGE_CACHE_SECONDS=0 API_RATE_LIMIT=0 serve "$COLD" .venv/bin/gunicorn --pythonpath bench api_plain:application
curl -sf "http://127.0.0.1:$WARM$DETAIL" -o "$WORK/detail.json"
curl -sf "http://127.0.0.1:$WARM$LIST" -o "$WORK/list.json"
FLOOR_BODY="$WORK/detail.json" serve "$FLOOR" .venv/bin/gunicorn --pythonpath bench floor:application
curl -sf "http://127.0.0.1:$COLD/plain/stories/$STORY" -o "$WORK/plain.json"
same=$($PY -c "import json,sys; a,b=(json.load(open(f)) for f in sys.argv[1:]); print(a==b)" "$WORK/detail.json" "$WORK/plain.json")
echo "story $STORY: detail $(wc -c <"$WORK/detail.json") bytes (plain view's the same: $same), list $(wc -c <"$WORK/list.json") bytes;" \
  "warm: $(curl -sI "http://127.0.0.1:$WARM$DETAIL" | grep -i '^x-page-cache' | tr -d '\r')"

ms() {  # wrk's 12.5ms / 830.00us / 1.20s -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.2f", n }'
}
declare -A RPS
printf '\n%-38s %10s %10s %10s %s\n' "target" "req/s" "p50 ms" "p99 ms" "errors"
load() {  # name, port, path
  local name=$1 port=$2 path=$3 out
  wrk -t2 -c"$CONNECTIONS" -d2s "http://127.0.0.1:$port$path" >/dev/null 2>&1 || true
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s --latency "http://127.0.0.1:$port$path")
  RPS[$name]=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  local errors
  errors=$(awk '/Non-2xx/ {print "non-2xx/3xx: " $NF} /Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
  printf '%-38s %10s %10s %10s %s\n' "$name" "${RPS[$name]}" \
    "$(ms "$(awk '$1=="50%" {print $2}' <<<"$out")")" "$(ms "$(awk '$1=="99%" {print $2}' <<<"$out")")" "$errors"
}
load "API story list, warm" "$WARM" "$LIST"
load "API story detail, warm" "$WARM" "$DETAIL"
load "floor (bare Django, same bytes)" "$FLOOR" "/"
load "API story detail, no cache (ninja)" "$COLD" "$DETAIL"
load "plain JsonResponse, same queries" "$COLD" "/plain/stories/$STORY"
load "built dict through ninja + schema" "$COLD" "/ninja/fixed/$STORY"
load "built dict, plain JsonResponse" "$COLD" "/plain/fixed/$STORY"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
echo
floor=${RPS[floor (bare Django, same bytes)]}
echo "warm list / floor:    $(ratio "${RPS[API story list, warm]}" "$floor")x  (target >= 0.8)"
echo "warm detail / floor:  $(ratio "${RPS[API story detail, warm]}" "$floor")x  (target >= 0.8)"
cost() {  # ms of a worker per request: WORKERS / req/s, the first minus the second
  awk -v n="$1" -v p="$2" -v w="$WORKERS" 'BEGIN { printf "%.2f", (n > 0 && p > 0 ? (w / n - w / p) * 1000 : 0) }'
}
echo "uncached detail, ninja / plain:   $(ratio "${RPS[API story detail, no cache (ninja)]}" "${RPS[plain JsonResponse, same queries]}")x" \
  "($(cost "${RPS[API story detail, no cache (ninja)]}" "${RPS[plain JsonResponse, same queries]}") ms of a worker per request)"
echo "built dict, ninja / plain:        $(ratio "${RPS[built dict through ninja + schema]}" "${RPS[built dict, plain JsonResponse]}")x" \
  "($(cost "${RPS[built dict through ninja + schema]}" "${RPS[built dict, plain JsonResponse]}") ms of a worker per request: ninja's own cost)"
$PY bench/api_plain.py "$STORY"
