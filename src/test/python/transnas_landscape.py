"""TransNAS-Bench-101 micro figures of docs/benchmarks.md section 3 that need PyTorch or numpy
(a script, not a test): synflow of our trainer's network against the cell_params proxy on 200
random cells, and the best ranks that a pairwise-interaction model fitted on all 4,096 cells finds
among its 50 best predictions. Run from src/test/python:
/usr/bin/python3 transnas_landscape.py ../../../../shared/benchmarks"""

import csv
import math
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "main", "python"))
from mtnas_trainer import cells, nb201, zero_cost  # noqa: E402
from transnas_cells import TASKS, live_ops, one_hot, ranks  # noqa: E402

WEIGHTS = {0: 0, 1: 0, 2: 1, 3: 9}  # none, skip, conv 1x1, conv 3x3 (per C squared)


def ranks(x):
    order = np.argsort(x, kind="mergesort")
    r = np.empty(len(x))
    xs = np.asarray(x)[order]
    i = 0
    while i < len(x):
        j = i
        while j + 1 < len(x) and xs[j + 1] == xs[i]:
            j += 1
        r[order[i:j + 1]] = (i + j) / 2
        i = j + 1
    return r


def spearman(a, b):
    return float(np.corrcoef(ranks(a), ranks(b))[0, 1])


def cell_params(op_code):
    """The live convolution weights, as io.mtnas.domain.predictor.ComputedProxies counts them."""
    return sum(WEIGHTS[o] for o in live_ops(op_code))


def main(bench_dir):
    rows = list(csv.DictReader(open(os.path.join(bench_dir, "transnas_micro.csv"))))
    y = np.array([[float(r[t]) for t in TASKS] for r in rows])
    torch.set_num_threads(1)
    sample = np.random.default_rng(1).choice(len(rows), 200, replace=False)
    syn = []
    for i in sample:
        net = nb201.Network(cells.parse_transnas(rows[i]["arch_str"]), 10, channels=16, cells_per_stage=5)
        syn.append(math.log(zero_cost.synflow(net, (3, 32, 32), seeds=(0,)) + 1e-30))
    params = np.array([cell_params(r["op_code"]) for r in rows])
    print("| task | synflow (200 cells) | cell_params (same cells) | cell_params (all cells) |")
    print("|---|---|---|---|")
    for t, task in enumerate(TASKS):
        print(f"| {task} | {spearman(syn, y[sample, t]):.2f} | {spearman(params[sample], y[sample, t]):.2f}"
              f" | {spearman(params, y[:, t]):.2f} |")

    onehot = one_hot(np.array([[int(c) for c in r["op_code"]] for r in rows]))
    rank = ranks(y)
    pairs = [onehot[:, i] * onehot[:, j] for i in range(24) for j in range(i + 1, 24) if i // 4 != j // 4]
    x = np.column_stack([np.ones(len(rows)), onehot] + pairs)
    best = []
    for t in range(len(TASKS)):
        w, *_ = np.linalg.lstsq(x, y[:, t], rcond=None)
        top = np.argsort(-(x @ w))[:50]
        best.append(int(rank[top, t].min()))
    print("best rank among the 50 best predictions of a pairwise model fitted on all cells:", best)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../../../../shared/benchmarks")
