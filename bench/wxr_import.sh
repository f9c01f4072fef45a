#!/usr/bin/env bash
# The WordPress import, timed: a generated export into an empty PostgreSQL database, then again.
#
#   bash bench/wxr_import.sh [posts, default 10000]
#
# Makes the export with bench/wxr_generate.py (in $BENCH_WXR_DIR, default /tmp/wxr-POSTS), drops
# and creates the database $BENCH_DATABASE (default newsroom_wp_bench), imports it with a broker
# (Redis db $BENCH_REDIS_DB, queue wxr_bench) so renditions and the stories' archive records are
# queued, as uploads' are, then runs one Celery worker on that queue until every picture has its
# renditions and every public story its archive record. Prints the wall clock, CPU and memory of
# the import (GNU time), stories per second, the worker's drain time, and the second run's
# figures (it must write nothing).
set -euo pipefail
cd "$(dirname "$0")/.."
POSTS=${1:-10000}
DIR=${BENCH_WXR_DIR:-/tmp/wxr-$POSTS}
DATABASE=${BENCH_DATABASE:-newsroom_wp_bench}
REDIS_DB=${BENCH_REDIS_DB:-13}
PY=.venv/bin/python
export DEBUG=1 DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DATABASE"
export CELERY_BROKER_URL="redis://127.0.0.1:6379/$REDIS_DB" CELERY_TASK_DEFAULT_QUEUE=wxr_bench
export MEDIA_ROOT="$DIR/media"
[ -f "$DIR/export.xml" ] || $PY bench/wxr_generate.py "$DIR" --posts "$POSTS"
rm -rf "$MEDIA_ROOT"
dropdb -h 127.0.0.1 -U postgres --if-exists "$DATABASE"
createdb -h 127.0.0.1 -U postgres "$DATABASE"
$PY manage.py migrate -v0
redis-cli -n "$REDIS_DB" del wxr_bench >/dev/null
run() {
  /usr/bin/time -v $PY manage.py import_wordpress "$DIR/export.xml" --media-dir "$DIR/uploads" \
    >"$DIR/$1.out" 2>&1 || true
  grep -E '^(Bài viết|Bình luận|Ảnh|Đường dẫn cũ):' "$DIR/$1.out" || true
  grep -E 'Elapsed|User time|System time|Maximum resident' "$DIR/$1.out"
}
echo "== first run ($POSTS posts)"
start=$(date +%s.%N)
run first
end=$(date +%s.%N)
echo "stories/s: $(echo "$POSTS / ($end - $start)" | bc -l | cut -c1-6)"
echo "== renditions and archive records on one worker"
start=$(date +%s)
$PY -m celery -A newsroom worker -Q wxr_bench --pool solo --concurrency 1 -l warning &
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true' EXIT
LEFT='from articles.models import Article, Image
from archive.models import ArchiveRecord
public = sum(1 for a in Article.objects.published() if a.is_public)
archived = ArchiveRecord.objects.values("story_id").distinct().count()
print(Image.objects.filter(renditions_ready=False).count() + public - archived)'
until [ "$($PY manage.py shell -v0 -c "$LEFT" 2>/dev/null | tail -n1)" = 0 ]; do
  sleep 5
done
echo "drained in $(( $(date +%s) - start )) s"
kill $WORKER; wait $WORKER 2>/dev/null || true
echo "== second run"
run second
