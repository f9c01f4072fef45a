#!/usr/bin/env bash
# The load bench, one run, side by side: our pages, the floor and the Wagtail peer.
#
#   bash bench/run.sh [seconds per target, default 10] [connections, default 16]
#
# Needs the newspaper-size database from `bench/generate.py` (PostgreSQL `newsroom_bench`),
# Redis, and wrk (`apt-get install wrk`). Every server is gunicorn with production settings
# (DEBUG off, PostgreSQL, Redis), BENCH_WORKERS workers (2), on loopback ports BENCH_PORT..+4
# (8150..8154). HTTPS redirect and secure cookies are off, as there is no TLS on loopback.
# The Wagtail peer is installed from PyPI into bench/.wagtail-venv (not in git) on first use.
# Prints req/s, p50 and p99 per target, then the ratios the issue sets targets for.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
CONNECTIONS=${2:-16}
WORKERS=${BENCH_WORKERS:-2}
DATABASE=${BENCH_DATABASE:-newsroom_bench}
PORT=${BENCH_PORT:-8150}
REDIS_DB=${BENCH_REDIS_DB:-9}
RSS_REQUESTS=${BENCH_RSS_REQUESTS:-10000}
WAGTAIL_VERSION=${BENCH_WAGTAIL_VERSION:-8.0.1}
PY=.venv/bin/python
PEER_VENV=bench/.wagtail-venv
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
export REDIS_URL="redis://127.0.0.1:6379/$REDIS_DB" CACHE_KEY_PREFIX=bench
export STATIC_ROOT="$WORK/static" COMMENT_RATE_LIMIT=0

stories=$(psql -h 127.0.0.1 -U postgres -d "$DATABASE" -tAc "SELECT count(*) FROM articles_article" 2>/dev/null || echo 0)
if [ "${stories:-0}" -lt 1000 ]; then
  echo "No bench data in $DATABASE: run .venv/bin/python bench/generate.py first." >&2
  exit 1
fi

echo "== setup"
$PY manage.py migrate -v0
$PY manage.py collectstatic --noinput -v0
$PY bench/generate.py --database "$DATABASE" --dump-reference "$WORK/reference.json"
read -r ARTICLE SECTION POST_PK < <($PY - <<'EOF'
import django
django.setup()
from django.db.models import Count, Q

from articles.models import Article, Section
from comments.views import comments_open

story = Article.objects.get(title="Làm theo Bác ở Đảng bộ Sở Nội vụ")
section = (
    Section.objects.annotate(n=Count("articles", filter=Q(articles__status="published")))
    .order_by("-n")
    .first()
)
target = next(a for a in Article.objects.published()[:50] if comments_open(a))
print(story.get_absolute_url(), section.get_absolute_url(), target.pk)
EOF
)
SEARCH="/tim-kiem/?q=n%C3%B4ng+th%C3%B4n+m%E1%BB%9Bi"

if [ ! -x "$PEER_VENV/bin/gunicorn" ] || ! "$PEER_VENV/bin/python" -c "import wagtail" 2>/dev/null; then
  python3 -m venv "$PEER_VENV"
  "$PEER_VENV/bin/pip" install -q "wagtail==$WAGTAIL_VERSION" gunicorn psycopg2-binary redis
fi
psql -h 127.0.0.1 -U postgres -d "$DATABASE" -qc "CREATE SCHEMA IF NOT EXISTS wagtail_peer"
export PEER_DATABASE="$DATABASE" PEER_MEDIA_ROOT="$WORK/peer-media"
peer() { (cd bench/wagtail_peer && DJANGO_SETTINGS_MODULE=peer_site.settings "$@"); }
peer "../../$PEER_VENV/bin/python" manage.py migrate -v0
peer "../../$PEER_VENV/bin/python" manage.py shell -v0 -c \
  "from peer.models import StoryPage; StoryPage.objects.all().delete()"
peer "../../$PEER_VENV/bin/python" manage.py loadpeer "$WORK/reference.json" >/dev/null
PEER_URL=$(grep -o '"slug": "[^"]*"' "$WORK/reference.json" | head -1 | cut -d'"' -f4)
PEER_URL="/$PEER_URL/"
redis-cli -n "$REDIS_DB" flushdb >/dev/null

serve() {  # port, then the gunicorn arguments; env as set by the caller
  local port=$1; shift
  "$@" -w "$WORKERS" -b "127.0.0.1:$port" --log-level warning &
  SERVERS+=($!)
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && return; sleep 0.2; done
  echo "server on $port did not start" >&2; exit 1
}
WARM=$PORT COLD=$((PORT + 1)) FLOOR=$((PORT + 2)) PEER=$((PORT + 3)) RSS=$((PORT + 4))
PAGE_CACHE_SECONDS=300 serve "$WARM" .venv/bin/gunicorn newsroom.wsgi
PAGE_CACHE_SECONDS=0 serve "$COLD" .venv/bin/gunicorn newsroom.wsgi
curl -sf "http://127.0.0.1:$COLD$ARTICLE" -o "$WORK/article.html"
FLOOR_BODY="$WORK/article.html" serve "$FLOOR" .venv/bin/gunicorn --pythonpath bench floor:application
DJANGO_SETTINGS_MODULE=peer_site.settings \
  serve "$PEER" "$PEER_VENV/bin/gunicorn" --chdir bench/wagtail_peer peer_site.wsgi

curl -s -o /dev/null "http://127.0.0.1:$WARM$ARTICLE"
echo "warm server: $(curl -sI "http://127.0.0.1:$WARM$ARTICLE" | grep -i '^x-page-cache' | tr -d '\r');" \
  "cold server: $(curl -sI "http://127.0.0.1:$COLD$ARTICLE" | grep -i '^x-page-cache' | tr -d '\r')"
SHOWN=$(grep -c 'id="binh-luan-[0-9]' "$WORK/article.html" || true)
echo "article $ARTICLE: $(wc -c <"$WORK/article.html") bytes, $SHOWN of its comments on the page;" \
  "Wagtail page: $(curl -s "http://127.0.0.1:$PEER$PEER_URL" | grep -c 'id="binh-luan-[0-9]') comments"
$PY bench/comment_forms.py "http://127.0.0.1:$WARM" "$POST_PK" $((DURATION * 400 + 500)) "$WORK/forms.tsv"
sleep 3  # the forms' signed timestamps must be older than COMMENT_MIN_FILL_SECONDS

ms() {  # wrk's 12.5ms / 830.00us / 1.20s -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.2f", n }'
}
declare -A RPS P50 P99
printf '\n%-34s %10s %10s %10s %8s %s\n' "target" "req/s" "p50 ms" "p99 ms" "p99/p50" "errors"
load() {  # name, port, path, [wrk options]; LUA_ARGS for a -s script
  local name=$1 port=$2 path=$3; shift 3
  if [ "${WARMUP:-1}" = 1 ]; then
    wrk -t2 -c"$CONNECTIONS" -d2s "http://127.0.0.1:$port$path" >/dev/null 2>&1 || true
  fi
  local out
  # shellcheck disable=SC2086  # LUA_ARGS are words for the script, after the URL
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s --latency "$@" "http://127.0.0.1:$port$path" ${LUA_ARGS:+-- $LUA_ARGS})
  RPS[$name]=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  P50[$name]=$(ms "$(awk '$1=="50%" {print $2}' <<<"$out")")
  P99[$name]=$(ms "$(awk '$1=="99%" {print $2}' <<<"$out")")
  local errors
  errors=$(awk '/Non-2xx/ {print "non-2xx/3xx: " $NF} /Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
  printf '%-34s %10s %10s %10s %8s %s\n' "$name" "${RPS[$name]}" "${P50[$name]}" "${P99[$name]}" \
    "$(awk -v a="${P99[$name]}" -v b="${P50[$name]}" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')" "$errors"
}
load "article, warm (page cache)" "$WARM" "$ARTICLE"
load "article, cold (no page cache)" "$COLD" "$ARTICLE"
load "home" "$WARM" "/"
load "section page 50" "$WARM" "$SECTION?page=50"
load "search" "$WARM" "$SEARCH"
# Each form posts once: no warm-up run to spend them.
WARMUP=0 LUA_ARGS="$WORK/forms.tsv 2" load "comment post" "$WARM" "/binh-luan/gui/" -s bench/post_comment.lua
load "floor (bare Django, same bytes)" "$FLOOR" "/"
load "Wagtail $WAGTAIL_VERSION, 500 comments" "$PEER" "$PEER_URL"
load "Wagtail, first $SHOWN comments" "$PEER" "$PEER_URL?shown=$SHOWN"

echo
echo "== memory: one worker of a fresh cold server, article page"
PAGE_CACHE_SECONDS=0 serve "$RSS" .venv/bin/gunicorn newsroom.wsgi
RSS_MASTER=${SERVERS[-1]}
rss100=$($PY bench/rss.py "http://127.0.0.1:$RSS$ARTICLE" 100 "$RSS_MASTER")
rssN=$($PY bench/rss.py "http://127.0.0.1:$RSS$ARTICLE" $((RSS_REQUESTS - 100)) "$RSS_MASTER")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
echo
echo "== ratios (targets from issue 8)"
echo "warm article / floor:    $(ratio "${RPS[article, warm (page cache)]}" "${RPS[floor (bare Django, same bytes)]}")x  (target >= 0.8)"
cold=${RPS[article, cold (no page cache)]}
echo "cold article / Wagtail:  $(ratio "$cold" "${RPS[Wagtail $WAGTAIL_VERSION, 500 comments]}")x  (target >= 2)"
echo "cold article / Wagtail showing the same $SHOWN comments as ours: $(ratio "$cold" "${RPS[Wagtail, first $SHOWN comments]}")x"
echo "worker RSS after $RSS_REQUESTS / after 100 requests: $(ratio "$rssN" "$rss100")x ($rssN KiB / $rss100 KiB; target <= 1.2)"
echo "p99/p50: per target in the table (target <= 10)"
echo "workers: $WORKERS, connections: $CONNECTIONS, $DURATION s per target, $stories stories," \
  "$(psql -h 127.0.0.1 -U postgres -d "$DATABASE" -tAc 'SELECT count(*) FROM comments_comment') comments"

# The comments this run posted (pending, shown nowhere) go, so the next run starts the same.
psql -h 127.0.0.1 -U postgres -d "$DATABASE" -qc \
  "DELETE FROM comments_comment WHERE email LIKE 'ban-doc-%@example.vn'"
