#!/usr/bin/env bash
# Reader pages under load: gunicorn with production settings on a throwaway SQLite database,
# wrk on loopback only, bounded in time. Usage: bash bench/pages.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_URL=${1:-10}
CONNECTIONS=${2:-16}
PORT=${BENCH_PORT:-8765}
WORK=$(mktemp -d)
trap 'kill "$GUNICORN" 2>/dev/null || true; rm -rf "$WORK"' EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
export DJANGO_SETTINGS_MODULE=newsroom.settings
export SECRET_KEY="bench-only-$(date +%s%N)-not-a-real-secret-key-0123456789abcdef"
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0
export DATABASE_URL="sqlite:///$WORK/bench.sqlite3" MEDIA_ROOT="$WORK/media" STATIC_ROOT="$WORK/static"
PY=.venv/bin/python
$PY manage.py migrate -v0
$PY manage.py loaddemo >/dev/null
$PY manage.py collectstatic --noinput -v0
.venv/bin/gunicorn newsroom.wsgi -w "${BENCH_WORKERS:-2}" -b "127.0.0.1:$PORT" --log-level warning &
GUNICORN=$!
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.2; done

ARTICLE=$(curl -sf "http://127.0.0.1:$PORT/" | grep -o '/bai-viet/lam-theo-bac[^"]*' | head -1)
printf '%-60s %12s %12s\n' "url" "req/s" "p50 latency"
for url in "/" "$ARTICLE"; do
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_URL}s" --latency "http://127.0.0.1:$PORT$url")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  printf '%-60s %12s %12s %s\n' "$url" "$rps" "$p50" "${non2xx:+(non-2xx: $non2xx)}"
done
