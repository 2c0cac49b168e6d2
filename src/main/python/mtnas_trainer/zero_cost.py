"""Zero-cost proxies: scores of an untrained network that rank architectures without training."""

import copy

import torch


def synflow(model, input_size, seeds=(0, 1, 2)):
    """SynFlow (Tanaka et al. 2020) as FreeREA computes it: in float64, BatchNorm bypassed (eval
    mode with fresh running statistics is the identity up to eps), all weights made positive, an
    all-ones input; the score is sum |theta * dR/dtheta| for R the sum of the outputs, averaged
    over a few random initialisations (FreeREA uses 3)."""
    scores = []
    for seed in seeds:
        torch.manual_seed(seed)
        net = _reinitialised(model).double().eval()
        with torch.no_grad():
            for p in net.parameters():
                p.abs_()
        net.zero_grad()
        net(torch.ones(1, *input_size, dtype=torch.float64)).sum().backward()
        total = 0.0
        for p in net.parameters():
            if p.grad is not None:
                total += float((p * p.grad).abs().sum())
        scores.append(total)
    return sum(scores) / len(scores)


def _reinitialised(model):
    net = copy.deepcopy(model)
    for m in net.modules():
        if hasattr(m, "reset_parameters") and m is not net:
            m.reset_parameters()
    return net
