#!/usr/bin/env bash
# Installs Debian's chromium and chromedriver for the dashboard's browser test. Idempotent: does nothing when both
# are present. Needs root (or sudo); uses only the Debian archive (no browser downloads of its own).
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "scripts/browser/install.sh: run as root (apt-get install chromium chromium-driver)" >&2
    exit 1
  fi
  sudo="sudo"
fi

started=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get -o DPkg::Lock::Timeout=300 update -qq >&2
$sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >&2
echo "scripts/browser/install.sh: chromium $(chromium --version 2>/dev/null | awk '{print $2}') installed in $(( $(date +%s) - started ))s" >&2
