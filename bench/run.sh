#!/usr/bin/env bash
# `make bench`: page throughput against a hello-world baseline (bench/run.py), then the report-scale
# benchmark on SQLite and on a throwaway PostgreSQL (bench/report_scale.py). Loopback only.
# BENCH_SCALE=0 skips the report-scale part; BENCH_SCALE_SIZES=10000,100000 picks the sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

$PY bench/run.py

if [ "${BENCH_SCALE:-1}" != 0 ]; then
  SIZES=${BENCH_SCALE_SIZES:-10000,100000,1000000}
  $PY bench/report_scale.py --sizes "$SIZES"
  bash scripts/with-postgres.sh $PY bench/report_scale.py --sizes "$SIZES"
fi
