"""A numpy model of ktnas-gp's search loop on TransNAS-Bench-101 micro (docs/benchmarks.md section 3;
a script, not a test). It runs in minutes where the Java search takes longer to change, so kernel and
acquisition variants were tried here first: each task starts from `--init` random cells, then each
task in turn evaluates the unevaluated cell (one per distinct encoding) with the highest expected
improvement under a multi-task GP on every task's results so far, until 50 per task. Unlike the Java
search the candidates are the whole space, not a pool of mutants and samples. Prints mean and median
rank per task and the three-task average over the seeds. Run from src/test/python, for example
/usr/bin/python3 transnas_gp_loop.py --seeds 1..30 --correlation 0.7,0.85,0.85
Options: --length-scale (1.0), --noise one value or one per task (0.5), --correlation one value or
object-scene,object-room,scene-room (0.7), --init (10), --targets rank|z (rank: normal scores of the
rank within the task; z: standardised values), --scoring ei|mean, --encoding live|raw|iso (iso: the
table's isomorphism representative's live edges), --own-every k (every k-th pick with the other
tasks' correlation set to 0), --benchmarks DIR."""

import argparse
import csv
import os
from statistics import NormalDist

import numpy as np

from transnas_cells import TASKS, live_ops, one_hot, ranks

BUDGET = 50


def normal_cdf(x):
    """The Numerical Recipes erfc approximation the Java Normal.cdf uses, so picks agree with it."""
    z = np.abs(x) / np.sqrt(2)
    t = 1 / (1 + 0.5 * z)
    r = t * np.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886187 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))))
    return np.where(x >= 0, 1 - 0.5 * r, 0.5 * r)


def normal_scores(y):
    u = (np.argsort(np.argsort(y)) + 0.5) / len(y)
    return np.array([NormalDist().inv_cdf(p) for p in u])


def search(values, features, seed, correlation, length_scale, noise, init=10, targets="rank", scoring="ei",
           own_every=0, budget=BUDGET):
    """Indices evaluated per task; values[:, t] is task t's fitness (higher is better)."""
    tasks = range(values.shape[1])
    edges = features.shape[1] // 4
    rng = np.random.default_rng(seed)
    seen = {t: list(rng.choice(len(values), init, replace=False)) for t in tasks}
    for step in range(init, budget):
        for t in tasks:
            tc = np.eye(len(tasks)) if own_every and step % own_every == 0 else correlation
            xs, zs, ts = [], [], []
            for u in tasks:
                y = values[seen[u], u]
                zs += list(normal_scores(y) if targets == "rank" else (y - y.mean()) / (y.std() + 1e-12))
                xs += seen[u]
                ts += [u] * len(y)
            xs, zs, ts = np.array(xs), np.array(zs), np.array(ts)
            known = features[xs]
            noise_of_row = np.array([noise[u] for u in ts])
            k = np.exp(-(edges - known @ known.T) / length_scale) * tc[ts][:, ts] + np.diag(noise_of_row)
            l_inv = np.linalg.inv(np.linalg.cholesky(k)).astype(np.float32)
            alpha = l_inv.T @ (l_inv @ zs)
            cand = np.setdiff1d(np.arange(len(values)), seen[t])
            cand = cand[np.unique(features[cand], axis=0, return_index=True)[1]]
            ks = (np.exp(-(edges - features[cand] @ known.T) / length_scale) * tc[t][ts][None, :]).astype(np.float32)
            mean = ks @ alpha
            v = l_inv @ ks.T
            sd = np.sqrt(np.maximum(1 - np.sum(v * v, 0), 1e-9) + noise[t])
            g = (mean - zs[ts == t].max()) / sd
            score = sd * (g * normal_cdf(g) + np.exp(-g * g / 2) / np.sqrt(2 * np.pi)) if scoring == "ei" else mean
            seen[t].append(cand[np.argmax(score)])
    return seen


def correlation_matrix(text, n):
    parts = [float(p) for p in text.split(",")]
    if len(parts) == 1:
        return np.where(np.eye(n) == 1, 1.0, parts[0])
    m = np.eye(n)
    m[np.triu_indices(n, 1)] = parts
    return np.maximum(m, m.T)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--benchmarks", default="../../../../shared/benchmarks")
    p.add_argument("--seeds", default="1..30")
    p.add_argument("--length-scale", type=float, default=1.0)
    p.add_argument("--noise", default="0.5")
    p.add_argument("--correlation", default="0.7")
    p.add_argument("--init", type=int, default=10)
    p.add_argument("--targets", choices=["rank", "z"], default="rank")
    p.add_argument("--scoring", choices=["ei", "mean"], default="ei")
    p.add_argument("--encoding", choices=["live", "raw", "iso"], default="live")
    p.add_argument("--own-every", type=int, default=0)
    a = p.parse_args()
    rows = list(csv.DictReader(open(os.path.join(a.benchmarks, "transnas_micro.csv"))))
    values = np.array([[float(r[t]) for t in TASKS] for r in rows])
    ops = np.array([live_ops(r["op_code"]) if a.encoding != "raw" else [int(c) for c in r["op_code"]] for r in rows])
    if a.encoding == "iso":
        ops = ops[[int(r["iso_rep_code_index"]) for r in rows]]
    features = one_hot(ops)
    rank = ranks(values)
    noise = [float(x) for x in a.noise.split(",")] * (1 if "," in a.noise else len(TASKS))
    correlation = correlation_matrix(a.correlation, len(TASKS))
    first, last = map(int, a.seeds.split(".."))
    found = []
    for seed in range(first, last + 1):
        seen = search(values, features, seed, correlation, a.length_scale, noise, a.init, a.targets, a.scoring,
                      a.own_every)
        found.append([rank[seen[t][int(np.argmax(values[seen[t], t]))], t] for t in range(len(TASKS))])
    found = np.array(found)
    print(vars(a), "mean", found.mean(0).round(1), "median", np.median(found, 0), f"average {found.mean():.1f}")


if __name__ == "__main__":
    main()
