"""How far an all-knowing model gets on TransNAS-Bench-101 micro (docs/benchmarks.md section 3; a
script, not a test). The table's values are single training runs, so its top ranks are partly
training noise that no search can predict. This measures the ceiling that noise leaves: a Gaussian
process on the cells' live edges is given every other cell's measured value (leave-one-out
posterior means), and "evaluates" the 50 cells it rates best; the figure is the best true rank
among them, for several kernel settings. A search with 50 evaluations per task knows far less
than this oracle. Run from src/test/python:
/usr/bin/python3 transnas_ceiling.py ../../../../shared/benchmarks"""

import csv
import os
import sys

import numpy as np

from transnas_cells import TASKS, live_ops, one_hot, ranks

SETTINGS = [(1.0, 0.2), (1.0, 0.5), (2.0, 0.2), (2.0, 0.5), (3.0, 0.5)]  # (length scale, noise)
PICKS = 50


def inverse_kernel(features, length_scale, noise):
    """(K + noise I)^-1 for the kernel exp(-differing live edges / length scale)."""
    differing = features.shape[1] // 4 - features @ features.T
    return np.linalg.inv(np.exp(-differing / length_scale) + noise * np.eye(len(features)))


def leave_one_out_means(k_inv, z):
    """GP posterior mean of each cell given all the others: z_i - [K^-1 z]_i / [K^-1]_ii."""
    return z - (k_inv @ z) / np.diag(k_inv)


def main(bench_dir):
    rows = list(csv.DictReader(open(os.path.join(bench_dir, "transnas_micro.csv"))))
    values = np.array([[float(r[t]) for t in TASKS] for r in rows])
    features = one_hot(np.array([live_ops(r["op_code"]) for r in rows]))
    rank = ranks(values)
    print(f"| length scale | noise | best rank among the oracle's {PICKS} picks: "
          + " / ".join(t.split("_val")[0] for t in TASKS) + " | average |")
    print("|---|---|---|---|")
    for length_scale, noise in SETTINGS:
        k_inv = inverse_kernel(features, length_scale, noise)
        best = []
        for t in range(len(TASKS)):
            z = (values[:, t] - values[:, t].mean()) / values[:, t].std()
            picks = np.argsort(-leave_one_out_means(k_inv, z))[:PICKS]
            best.append(int(rank[picks, t].min()))
        print(f"| {length_scale} | {noise} | {' / '.join(map(str, best))} | {np.mean(best):.1f} |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../../../../shared/benchmarks")
