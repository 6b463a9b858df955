#!/usr/bin/env bash
# Runs every test project of the solution and prints one summary line "N passed, N failed[, N skipped]".
# First installs Debian's chromium (browser test) and installs/starts the test services (PostgreSQL + pgvector and an
# S3-compatible server on 127.0.0.1), all idempotently.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

scripts/translation/install.sh || { echo "scripts/test.sh: installing apertium for the translator test failed (see above)" >&2; echo "0 passed, 1 failed"; exit 1; }
scripts/browser/install.sh || { echo "scripts/test.sh: installing chromium for the browser test failed (see above)" >&2; echo "0 passed, 1 failed"; exit 1; }
if [[ -x scripts/services/up.sh ]]; then
  if ! env_lines="$(scripts/services/up.sh)"; then
    echo "scripts/test.sh: starting the test services failed (see above)" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
  eval "$env_lines"
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
dotnet build SemCache.slnx -c Release --nologo -clp:ErrorsOnly 2>&1 | tee "$log"
build=${PIPESTATUS[0]}
if [[ $build -ne 0 ]]; then
  echo "0 passed, 1 failed"
  exit "$build"
fi

status=0
: > "$log"
for project in tests/*/*.csproj; do
  dotnet test "$project" -c Release --no-build --nologo --blame-hang-timeout 10m 2>&1 | tee -a "$log"
  rc=${PIPESTATUS[0]}
  [[ $rc -ne 0 ]] && status=$rc
done

# dotnet test prints one line per project: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ..."
read -r passed failed skipped < <(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" \
  | awk -F'[:,] *' '{f+=$2; p+=$4; s+=$6} END {print p+0, f+0, s+0}')
if [[ $status -ne 0 && $failed -eq 0 ]]; then
  failed=1 # a project that crashed or did not run counts as a failure
fi
if [[ $skipped -gt 0 ]]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit "$status"
