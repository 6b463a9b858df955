#!/usr/bin/env bash
# Stops the test PostgreSQL and S3 server; their data stays for the next up.sh.
set -euo pipefail
dir="$(dirname "${BASH_SOURCE[0]}")"
"${dir}/pg.sh" stop
"${dir}/s3.sh" stop
