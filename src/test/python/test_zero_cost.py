"""Zero-cost proxies of the built networks against the benchmark's recorded scores."""

import csv
import random

import numpy as np

from conftest import benchmark_dir
from mtnas_trainer.cells import parse_nb201
from mtnas_trainer.nb201 import Network
from mtnas_trainer.zero_cost import synflow


def spearman(a, b):
    ra = np.argsort(np.argsort(a))
    rb = np.argsort(np.argsort(b))
    return float(np.corrcoef(ra, rb)[0, 1])


def test_synflow_ranks_300_random_cells_like_freerea():
    path = benchmark_dir() / "nb201_zero_cost.csv"
    assert path.is_file(), f"benchmark table {path} is missing (set MTNAS_BENCHMARKS)"
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    sample = random.Random(7).sample(rows, 300)
    ours = [synflow(Network(parse_nb201(r["arch_str"]), 10), (3, 32, 32), seeds=(0,)) for r in sample]
    theirs = [float(r["cifar10_freerea_synflow"]) for r in sample]
    rho = spearman(np.log1p(np.array(ours)), np.log1p(np.array(theirs)))
    assert rho >= 0.95, rho


def test_synflow_is_tiny_without_a_path_and_grows_with_convolutions():
    dead = Network(parse_nb201("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"), 10)
    thin = Network(parse_nb201("|nor_conv_1x1~0|+|none~0|none~1|+|none~0|nor_conv_1x1~1|none~2|"), 10)
    wide = Network(parse_nb201("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|"), 10)
    s_dead, s_thin, s_wide = (synflow(n, (3, 32, 32), seeds=(0,)) for n in (dead, thin, wide))
    # A cell with no input-to-output path leaves only the head's bias to score.
    assert s_dead < 1.0
    assert s_thin > 1e3 * s_dead
    assert s_wide > 1e3 * s_thin
