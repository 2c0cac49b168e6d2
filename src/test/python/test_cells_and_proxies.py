"""TransNAS cells in the shared skeleton, and the NASWOT and grad-norm proxies."""

import math

import pytest
import torch

from mtnas_trainer.cells import CellFormatError, parse_nb201, parse_transnas
from mtnas_trainer.nb201 import Network
from mtnas_trainer.zero_cost import grad_norm, naswot

DEAD = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"
RICH = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_1x1~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|"


def test_transnas_strings_name_the_operations_in_edge_order():
    assert parse_transnas("64-41414-3_32_132") == (
        "nor_conv_3x3", "nor_conv_3x3", "nor_conv_1x1", "skip_connect", "nor_conv_3x3", "nor_conv_1x1")
    net = Network(parse_transnas("64-41414-1_23_013"), num_classes=75, channels=8, cells_per_stage=2)
    assert net(torch.randn(2, 3, 32, 32)).shape == (2, 75)


@pytest.mark.parametrize("bad", ["64-41414-3_32_13", "32-41414-3_32_132", "64-41414-4_32_132", "3_32_132"])
def test_malformed_transnas_strings_are_rejected(bad):
    with pytest.raises(CellFormatError) as e:
        parse_transnas(bad)
    assert repr(bad) in str(e.value)


def test_naswot_is_finite_for_a_connected_cell_and_minus_infinity_without_a_path():
    torch.manual_seed(0)
    x = torch.randn(16, 3, 32, 32)
    assert math.isfinite(naswot(Network(parse_nb201(RICH), 10), x))
    assert naswot(Network(parse_nb201(DEAD), 10), x) == float("-inf")


def test_grad_norm_is_zero_through_a_dead_cell_except_for_the_head():
    torch.manual_seed(0)
    x = torch.randn(8, 3, 32, 32)
    y = torch.randint(0, 10, (8,))
    assert grad_norm(Network(parse_nb201(RICH), 10), x, y) > grad_norm(Network(parse_nb201(DEAD), 10), x, y) > 0
