"""TransNAS-Bench-101 micro cells for the figure scripts: the Table III task columns and the edges
that carry signal, as io.mtnas.domain.space.CellGraph.liveNodes finds them."""

import numpy as np

TASKS = ["class_object_val_top1_final", "class_scene_val_top1_final", "room_layout_val_neg_l2loss_final"]
EDGES = [(0, 1), (0, 2), (1, 2), (0, 3), (1, 3), (2, 3)]


def live_ops(op_code):
    """The cell's ops with every edge off an input-to-output path set to none (0)."""
    ops = [int(c) for c in op_code]
    reach, back = {0}, {3}
    for k, (i, j) in enumerate(EDGES):
        if ops[k] and i in reach:
            reach.add(j)
    for k, (i, j) in reversed(list(enumerate(EDGES))):
        if ops[k] and j in back:
            back.add(i)
    return [o if o and EDGES[k][0] in reach and EDGES[k][1] in back else 0 for k, o in enumerate(ops)]



def one_hot(ops):
    """Rows of 6 edges x 4 ops with a 1 at each edge's op (ops: cells x 6 op digits)."""
    features = np.zeros((len(ops), 24))
    for e in range(6):
        features[np.arange(len(ops)), e * 4 + ops[:, e]] = 1
    return features


def ranks(values):
    """Each cell's rank in each column: 1 + the cells with a strictly higher value, as the Java bench counts."""
    ordered = np.sort(values, axis=0)
    return np.stack([1 + len(values) - np.searchsorted(ordered[:, t], values[:, t], side="right")
                     for t in range(values.shape[1])], axis=1)
