#!/usr/bin/env bash
# Prints one number: how many times faster the default int8 MiniLM embeds a prompt than the fp32 model, by CPU time
# per prompt (robust to other load on the host), embedding real prompts exactly as the backfill does (runs of 4
# prompts per ONNX Runtime call for fp32, one prompt per call for int8, whose dynamic quantisation would otherwise
# depend on batch-mates). Used by bench/perf.sh (row int8_speedup); details on stderr.
# Usage: bench/int8-speedup.sh [COUNT]   (default 1000 prompts from datasets/workload/prompts.txt)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
count="${1:-1000}"
dotnet build bench/SemCache.BackfillBench -c Release --nologo -v quiet -clp:ErrorsOnly >&2
run() { EMBEDDER="$1" dotnet bench/SemCache.BackfillBench/bin/Release/net10.0/SemCache.BackfillBench.dll embed datasets/workload/prompts.txt "$count"; }
fp32="$(run minilm)"; echo "$fp32" >&2
int8="$(run minilm-int8)"; echo "$int8" >&2
cpu() { sed -E 's/.* ([0-9.]+) ms CPU per prompt.*/\1/' <<<"$1"; }
awk -v a="$(cpu "$fp32")" -v b="$(cpu "$int8")" 'BEGIN { printf "%.2f\n", a / b }'
