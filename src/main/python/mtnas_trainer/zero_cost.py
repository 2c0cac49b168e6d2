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


def naswot(model, inputs):
    """NASWOT (Mellor et al. 2021): log |det K| of the kernel of binary ReLU codes over a batch,
    K[i, j] = number of ReLU units on which inputs i and j agree. Singular kernels (a cell with no
    input-to-output path makes every code the same) give -inf, as in FreeREA's cached scores."""
    net = copy.deepcopy(model).eval()
    n = inputs.shape[0]
    kernel = torch.zeros(n, n, dtype=torch.float64)

    def hook(module, args, output):
        codes = (args[0].detach().reshape(n, -1) > 0).double()
        kernel.add_(codes @ codes.t() + (1 - codes) @ (1 - codes).t())

    handles = [m.register_forward_hook(hook) for m in net.modules() if isinstance(m, torch.nn.ReLU)]
    with torch.no_grad():
        net(inputs)
    for h in handles:
        h.remove()
    sign, logdet = torch.linalg.slogdet(kernel)
    return float(logdet) if float(sign) > 0 else float("-inf")


def grad_norm(model, inputs, labels):
    """Sum over weight tensors of the L2 norm of the cross-entropy loss's gradient on one batch."""
    net = copy.deepcopy(model).train()
    net.zero_grad()
    torch.nn.functional.cross_entropy(net(inputs), labels).backward()
    return float(sum(p.grad.norm() for p in net.parameters() if p.grad is not None))
