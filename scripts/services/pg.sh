#!/usr/bin/env bash
# Starts or stops the test PostgreSQL (installed and initialised by up.sh). Tests use it to inject faults.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

case "${1:-}" in
  start)
    if pg_running; then log "postgres already running on ${PG_PORT}"; exit 0; fi
    [ -d "${PG_DATA}" ] || { log "no cluster at ${PG_DATA}: run scripts/services/up.sh first"; exit 1; }
    as_postgres "${PG_BIN}/pg_ctl" -D "${PG_DATA}" -l "${PG_LOG}" -w -t 60 start >&2
    wait_for "as_postgres ${PG_BIN}/pg_isready -q -h 127.0.0.1 -p ${PG_PORT}" 60 || { log "postgres did not answer"; exit 1; }
    ;;
  stop)
    if pg_running; then
      # fast: ends open sessions at once, as a crashed or restarted server would.
      as_postgres "${PG_BIN}/pg_ctl" -D "${PG_DATA}" -m fast -w -t 60 stop >&2
    fi
    ;;
  status)
    pg_running && echo running || echo stopped
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
