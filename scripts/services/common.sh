# Shared settings of the test services; sourced by up.sh, down.sh, pg.sh and s3.sh.
# Everything lives outside the repository so the postgres user can reach it and git never sees it.
SERVICES_ROOT="${SEMCACHE_SERVICES_DIR:-/var/tmp/semcache-services}"
PG_PORT=55432
PG_VERSION=15
PG_BIN="/usr/lib/postgresql/${PG_VERSION}/bin"
PG_DATA="${SERVICES_ROOT}/pg"
PG_LOG="${PG_DATA}/server.log"
PG_PASSWORD="semcache-test"
PG_DATABASE="semcache_test"
S3_PORT=59000
S3_DIR="${SERVICES_ROOT}/s3"
S3_DATA="${S3_DIR}/data"
S3_PID="${S3_DIR}/server.pid"
S3_LOG="${S3_DIR}/server.log"
S3_BUCKET="semcache-test"
# fauxqs 2.x needs node >= 22.5; the node binary comes from npm too, so the machine's node version does not matter.
FAUXQS_VERSION="2.4.1"
NODE_PACKAGE_VERSION="22.23.3"
SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

log() { echo "[services] $*" >&2; }

as_postgres() { runuser -u postgres -- "$@"; }

pg_running() { [ -f "${PG_DATA}/postmaster.pid" ] && as_postgres "${PG_BIN}/pg_ctl" -D "${PG_DATA}" status >/dev/null 2>&1; }

s3_running() { [ -f "${S3_PID}" ] && kill -0 "$(cat "${S3_PID}")" 2>/dev/null; }

s3_answers() { curl -s -o /dev/null --max-time 2 "http://127.0.0.1:${S3_PORT}/" ; }

# Waits up to $2 seconds for the command $1 to succeed.
wait_for() {
  local check="$1" seconds="$2" i
  for ((i = 0; i < seconds * 5; i++)); do
    if eval "${check}"; then return 0; fi
    sleep 0.2
  done
  return 1
}
