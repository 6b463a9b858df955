#!/usr/bin/env bash
# Installs Debian's apertium with the Spanish-English and French-Spanish pairs for the optional Apertium engine's
# test. Idempotent: does nothing when present. Needs root (or sudo). The product itself never needs it.
set -euo pipefail

if command -v apertium >/dev/null 2>&1 && [[ -d /usr/share/apertium/apertium-eng-spa && -d /usr/share/apertium/apertium-fr-es ]]; then
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { echo "scripts/translation/install.sh: run as root (apt-get install apertium apertium-eng-spa apertium-fr-es)" >&2; exit 1; }
  sudo="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends apertium apertium-eng-spa apertium-fr-es >&2 \
  || { $sudo apt-get -o DPkg::Lock::Timeout=300 update -qq >&2; $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends apertium apertium-eng-spa apertium-fr-es >&2; }
