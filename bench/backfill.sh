#!/usr/bin/env bash
# Backfill throughput, end to end: seeds the local S3 test server with COUNT Pollinations-style objects (real prompts
# from datasets/workload/prompts.txt), then runs `./semcache backfill` from it into a fresh data directory three
# times: first run (everything indexed), second run (everything present), and a dry run on a fresh directory; then
# a directory backfill: the first run's files store (semcache key format) into another fresh data directory.
# FROM=dir writes the same objects as files (with .json sidecars holding key and originalUrl) into a temporary directory
# and backfills from there instead. The embedder is the configured one (SEMCACHE__EMBEDDER__KIND=minilm-int8 for int8).
# Usage: [FROM=s3|dir] bench/backfill.sh [COUNT] [extra backfill options...]      Results: docs/backfill.md#throughput
# BACKFILL_WORK=DIR keeps the data directories there instead of a temporary directory (bench/perf.sh reads them).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
count="${1:-5000}"
shift || true

eval "$(scripts/services/up.sh 2>/dev/null)"
prefix="bench-${count}/"
if [[ -n "${BACKFILL_WORK:-}" ]]; then
  work="$BACKFILL_WORK"
  rm -rf "$work/data" "$work/dry" "$work/dir"
  mkdir -p "$work"
else
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi

if [[ "${FROM:-s3}" == dir ]]; then
  source="$work/source/${prefix}"
  dotnet run -c Release --project bench/SemCache.BackfillBench -- datasets/workload/prompts.txt "dir:$work/source" "$prefix" "$count"
else
  source="s3://${SEMCACHE__S3__BUCKET}/${prefix}"
  dotnet run -c Release --project bench/SemCache.BackfillBench -- datasets/workload/prompts.txt "$SEMCACHE__S3__BUCKET" "$prefix" "$count"
fi
./semcache --help >/dev/null # builds the CLI outside the timed runs
if [[ "${SEMCACHE__EMBEDDER__KIND:-minilm-int8}" == minilm-int8 ]]; then
  # The int8 graph (the default embedder) is made once per data directory; make it outside the timed runs too.
  ./semcache quantize --data "$work/data" >&2
  ./semcache quantize --data "$work/dry" >&2
  ./semcache quantize --data "$work/dir" >&2
fi

# CPU seconds (user + system) the S3 test server has used so far: it shares this machine's cores with the backfill,
# which a remote R2 or S3 would not, so each S3 run reports it apart.
s3_pid="$(cat "${SEMCACHE_SERVICES_DIR:-/var/tmp/semcache-services}/s3/server.pid" 2>/dev/null || true)"
s3_cpu() { [[ -n "$s3_pid" && -r "/proc/$s3_pid/stat" ]] && awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$s3_pid/stat" || echo 0; }

run() {
  local label="$1"; shift
  echo "== $label" >&2
  local before; before="$(s3_cpu)"
  /usr/bin/time -f "cpu user %U s, system %S s, wall %e s, max rss %M KB" \
    ./semcache backfill --from "$source" --key-format pollinations --json "$@"
  [[ "$source" == s3://* ]] && echo "s3 test server cpu $(awk -v a="$before" -v b="$(s3_cpu)" 'BEGIN {printf "%.2f", b - a}') s" >&2
  return 0
}

run "first run" --data "$work/data" "$@"
run "second run (already present)" --data "$work/data" "$@"
run "dry run" --data "$work/dry" --dry-run "$@"
echo "== directory (semcache format, from the first run's files store)" >&2
/usr/bin/time -f "cpu user %U s, system %S s, wall %e s, max rss %M KB" \
  ./semcache backfill --from "$work/data/images" --key-format semcache --json --data "$work/dir"
