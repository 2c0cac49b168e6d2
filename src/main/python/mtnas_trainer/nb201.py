"""The NAS-Bench-201 network exactly as the benchmark builds it (xautodl's TinyNetwork): a 3x3 stem
with C channels, three stages of N cells with C, 2C and 4C channels separated by residual
reduction blocks, then BN-ReLU, global average pooling and a linear head. Parameter counts match
the benchmark's *_params_M columns (tests/test_nb201_fidelity.py checks it on the real table)."""

import torch
from torch import nn

from .cells import EDGES


class ReLUConvBN(nn.Sequential):
    def __init__(self, c_in, c_out, kernel, stride, padding):
        super().__init__(
            nn.ReLU(inplace=False),
            nn.Conv2d(c_in, c_out, kernel, stride=stride, padding=padding, bias=False),
            nn.BatchNorm2d(c_out, affine=True, track_running_stats=True),
        )


class Zero(nn.Module):
    def forward(self, x):
        return x.mul(0.0)


def make_op(name, channels):
    """A normal-cell operation; every normal cell keeps its channel count and resolution."""
    if name == "none":
        return Zero()
    if name == "skip_connect":
        return nn.Identity()
    if name == "nor_conv_1x1":
        return ReLUConvBN(channels, channels, 1, 1, 0)
    if name == "nor_conv_3x3":
        return ReLUConvBN(channels, channels, 3, 1, 1)
    if name == "avg_pool_3x3":
        return nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False)
    raise ValueError(f"unknown operation {name!r}")


class Cell(nn.Module):
    """Node j = sum over i < j of op(i -> j)(node i); node 3 is the output."""

    def __init__(self, ops, channels):
        super().__init__()
        self.edges = nn.ModuleList(make_op(op, channels) for op in ops)

    def forward(self, x):
        nodes = [x]
        for target in (1, 2, 3):
            total = None
            for k, (to, source) in enumerate(EDGES):
                if to == target:
                    y = self.edges[k](nodes[source])
                    total = y if total is None else total + y
            nodes.append(total)
        return nodes[3]


class ResidualReduction(nn.Module):
    """xautodl's ResNetBasicblock with stride 2: two ReLU-conv-BN and an avg-pool + 1x1 shortcut."""

    def __init__(self, c_in, c_out):
        super().__init__()
        self.conv_a = ReLUConvBN(c_in, c_out, 3, 2, 1)
        self.conv_b = ReLUConvBN(c_out, c_out, 3, 1, 1)
        self.downsample = nn.Sequential(
            nn.AvgPool2d(kernel_size=2, stride=2, padding=0),
            nn.Conv2d(c_in, c_out, kernel_size=1, stride=1, padding=0, bias=False),
        )

    def forward(self, x):
        return self.downsample(x) + self.conv_b(self.conv_a(x))


class Network(nn.Module):
    def __init__(self, ops, num_classes, channels=16, cells_per_stage=5, in_channels=3):
        super().__init__()
        c = channels
        self.stem = nn.Sequential(
            nn.Conv2d(in_channels, c, kernel_size=3, padding=1, bias=False), nn.BatchNorm2d(c))
        layers = []
        for stage in range(3):
            if stage > 0:
                layers.append(ResidualReduction(c, c * 2))
                c *= 2
            layers.extend(Cell(ops, c) for _ in range(cells_per_stage))
        self.cells = nn.Sequential(*layers)
        self.lastact = nn.Sequential(nn.BatchNorm2d(c), nn.ReLU(inplace=True))
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Linear(c, num_classes)

    def forward(self, x):
        x = self.lastact(self.cells(self.stem(x)))
        return self.classifier(torch.flatten(self.pool(x), 1))


def parameter_count(model):
    return sum(p.numel() for p in model.parameters())


def flops(model, input_size):
    """FLOPs as NAS-Bench-201 counts them: Conv2d k*k*Cin*Cout*Hout*Wout (no bias, groups 1) and
    Linear in*out + out; pooling, BN and ReLU are free. One image of input_size = (C, H, W)."""
    total = [0]

    def conv_hook(module, inputs, output):
        kh, kw = module.kernel_size
        total[0] += kh * kw * module.in_channels * module.out_channels * output.shape[2] * output.shape[3]

    def linear_hook(module, inputs, output):
        total[0] += module.in_features * module.out_features + module.out_features

    handles = []
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            handles.append(m.register_forward_hook(conv_hook))
        elif isinstance(m, nn.Linear):
            handles.append(m.register_forward_hook(linear_hook))
    was_training = model.training
    model.eval()
    with torch.no_grad():
        model(torch.zeros(1, *input_size))
    model.train(was_training)
    for h in handles:
        h.remove()
    return total[0]
