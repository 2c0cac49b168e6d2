"""The GP-EI loop behind the TransNAS figures finds the top of a smooth synthetic landscape (no benchmark
files: 4,096 cells, two correlated tasks, values additive in the edges' operations plus noise)."""

import itertools

import numpy as np

from transnas_cells import one_hot, ranks
from transnas_gp_loop import correlation_matrix, normal_scores, search


def synthetic_tasks(seed):
    rng = np.random.default_rng(seed)
    ops = np.array(list(itertools.product(range(4), repeat=6)))
    features = one_hot(ops)
    shared = rng.normal(size=24)
    values = np.stack([features @ (shared + 0.3 * rng.normal(size=24)) for _ in range(2)], axis=1)
    return features, values + 0.05 * rng.normal(size=values.shape)


def best_rank(values, seen, task):
    best = values[seen[task], task].max()
    return 1 + int((values[:, task] > best).sum())


def test_the_loop_finds_near_optimal_cells_where_random_search_would_not():
    features, values = synthetic_tasks(3)
    ranks = []
    for seed in (1, 2):
        seen = search(values, features, seed, correlation_matrix("0.7", 2), 1.0, [0.1, 0.1], init=5, budget=25)
        assert all(len(seen[t]) == 25 and len(set(seen[t])) == 25 for t in range(2))
        ranks += [best_rank(values, seen, t) for t in range(2)]
    # the best of 25 uniform draws among 4,096 ranks about 158 on average
    assert max(ranks) <= 20, ranks


def test_correlation_matrix_reads_one_value_or_each_pair():
    assert np.allclose(correlation_matrix("0.7", 3), [[1, 0.7, 0.7], [0.7, 1, 0.7], [0.7, 0.7, 1]])
    assert np.allclose(correlation_matrix("0.7,0.8,0.9", 3), [[1, 0.7, 0.8], [0.7, 1, 0.9], [0.8, 0.9, 1]])


def test_normal_scores_keep_the_order():
    y = np.array([3.0, -1.0, 10.0, 0.5])
    assert list(np.argsort(normal_scores(y))) == list(np.argsort(y))


def test_ranks_count_the_strictly_better_cells_so_ties_share_a_rank():
    values = np.array([[3.0, -1.0], [5.0, -1.0], [3.0, -2.0], [1.0, 0.0]])
    assert ranks(values).tolist() == [[2, 2], [1, 2], [2, 4], [4, 1]]


def test_one_hot_marks_each_edges_operation():
    features = one_hot(np.array([[0, 1, 2, 3, 0, 1]]))
    assert features.shape == (1, 24)
    assert [int(i) for i in np.flatnonzero(features[0])] == [0, 5, 10, 15, 16, 21]
