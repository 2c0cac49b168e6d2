#!/usr/bin/env bash
# Runs one search per seed on this machine: deploy/run-local.sh SPEC OUT_ROOT SEED...
# Each run writes OUT_ROOT/<spec name>-seed<N>/; a failing run stops the script with its exit code.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ $# -lt 3 ]; then
  echo "usage: $0 SPEC OUT_ROOT SEED..." >&2
  exit 2
fi
spec="$1"; out_root="$2"; shift 2
"$root/bin/setup"
name="$(basename "$spec" .json)"
for seed in "$@"; do
  "$root/bin/mtnas" run "$spec" --seed "$seed" --out "$out_root/$name-seed$seed" > "$out_root/$name-seed$seed.events.jsonl"
done
