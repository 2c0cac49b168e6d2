"""Cell strings of the two search spaces, parsed the way the Java side (domain/space) prints them."""

NB201_OPS = ("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3")
TRANSNAS_OPS = ("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3")

# The 6 edges in the official order: (target node, source node).
EDGES = ((1, 0), (2, 0), (2, 1), (3, 0), (3, 1), (3, 2))


class CellFormatError(ValueError):
    """A cell string that is not one of the official forms; the message quotes it."""


def parse_nb201(text):
    """'|op~0|+|op~0|op~1|+|op~0|op~1|op~2|' -> tuple of 6 operation names in edge order."""
    if not isinstance(text, str) or not text.startswith("|") or not text.endswith("|"):
        raise CellFormatError(f"cell {text!r}: expected '|op~0|+|op~0|op~1|+|op~0|op~1|op~2|'")
    groups = text.split("+")
    if len(groups) != 3:
        raise CellFormatError(f"cell {text!r}: {len(groups)} node groups, expected 3")
    ops = []
    for node, group in enumerate(groups, start=1):
        parts = [p for p in group.split("|") if p]
        if len(parts) != node:
            raise CellFormatError(f"cell {text!r}: node {node} has {len(parts)} inputs, expected {node}")
        for source, part in enumerate(parts):
            name, sep, index = part.partition("~")
            if not sep or index != str(source):
                raise CellFormatError(f"cell {text!r}: {part!r} must read op~{source}")
            if name not in NB201_OPS:
                raise CellFormatError(f"cell {text!r}: unknown operation {name!r}; known: {', '.join(NB201_OPS)}")
            ops.append(name)
    return tuple(ops)


def from_op_code(code, ops=NB201_OPS):
    """'421211' (one digit per edge, indexing ops) -> tuple of operation names."""
    if len(code) != len(EDGES) or not code.isdigit() or any(int(c) >= len(ops) for c in code):
        raise CellFormatError(f"op code {code!r}: expected {len(EDGES)} digits in 0..{len(ops) - 1}")
    return tuple(ops[int(c)] for c in code)


def parse_transnas(text):
    """TransNAS-Bench-101 micro '64-41414-a_bc_def' (digits index TRANSNAS_OPS, edges in the
    official order) -> tuple of 6 operation names. The macro part is fixed for the micro space."""
    parts = text.split("-") if isinstance(text, str) else []
    if len(parts) != 3 or parts[0] != "64" or parts[1] != "41414":
        raise CellFormatError(f"cell {text!r}: expected '64-41414-a_bc_def'")
    groups = parts[2].split("_")
    if [len(g) for g in groups] != [1, 2, 3]:
        raise CellFormatError(f"cell {text!r}: the cell part must read a_bc_def")
    try:
        return from_op_code("".join(groups), TRANSNAS_OPS)
    except CellFormatError as e:
        raise CellFormatError(f"cell {text!r}: {e}") from None
